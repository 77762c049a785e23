using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

/// <param name="FacilityIds">The facilities the account works for; none for a global administrator.</param>
public sealed record StaffMember(
    string Id, string UserName, string DisplayName, string? Role, int? AssignedCounterId, bool IsLockedOut, IReadOnlyList<int> FacilityIds);

/// <param name="NewPassword">Required for a new account; for an existing one, null keeps the password.</param>
/// <param name="FacilityIds">At least one, except for an administrator, who is global with none.</param>
public sealed record StaffChange(
    string UserName, string DisplayName, string Role, int? AssignedCounterId, string? NewPassword, IReadOnlyList<int> FacilityIds);

/// <summary>
/// The admin pages' view of staff accounts: one role each, their facilities, an optional fixed counter, lock and
/// unlock. Each change is checked here against the administrator making it: only administrators change accounts,
/// and an administrator of some facilities sees and grants only those.
/// </summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, ScanShareDbContext db, StaffScopes scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(string viewerId, CancellationToken cancellationToken = default)
    {
        var viewer = await scopes.ForUserAsync(viewerId, cancellationToken);
        var roleOf = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name, cancellationToken);
        var facilitiesOf = (await db.StaffFacilities.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(f => f.UserId, f => f.FacilityId);
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return accounts
            .Select(u => new StaffMember(u.Id, u.UserName ?? "", u.DisplayName, roleOf.GetValueOrDefault(u.Id), u.AssignedCounterId,
                u.LockoutEnd is { } end && end > now, [.. facilitiesOf[u.Id].Order()]))
            .Where(m => viewer.IsGlobal || m.FacilityIds.Any(viewer.Sees))
            .ToList();
    }

    /// <returns>What is wrong, in words for the admin; empty when saved.</returns>
    public async Task<IReadOnlyList<string>> CreateAsync(string adminId, StaffChange change)
    {
        if (string.IsNullOrEmpty(change.NewPassword))
        {
            return ["A new account needs a password."];
        }

        if (await RefusalAsync(adminId, change) is { } refusal)
        {
            return [refusal];
        }

        var user = new StaffUser { UserName = change.UserName.Trim(), DisplayName = change.DisplayName.Trim(), AssignedCounterId = change.AssignedCounterId };
        var problems = Problems(await users.CreateAsync(user, change.NewPassword));
        problems = problems.Count > 0 ? problems : Problems(await users.AddToRoleAsync(user, change.Role));
        if (problems.Count == 0)
        {
            await SetFacilitiesAsync(user.Id, change.FacilityIds);
        }

        return problems;
    }

    public async Task<IReadOnlyList<string>> UpdateAsync(string adminId, string userId, StaffChange change)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["That account no longer exists."];
        }

        if (await RefusalAsync(adminId, change, userId) is { } refusal)
        {
            return [refusal];
        }

        var currentRoles = await users.GetRolesAsync(user);
        if (currentRoles.Contains(StaffRoles.Admin) && change.Role != StaffRoles.Admin && await IsLastAdminAsync(user))
        {
            return [$"{user.UserName} is the only administrator; make someone else an administrator first."];
        }

        user.UserName = change.UserName.Trim();
        user.DisplayName = change.DisplayName.Trim();
        user.AssignedCounterId = change.AssignedCounterId;
        var problems = Problems(await users.UpdateAsync(user));
        if (problems.Count == 0 && !currentRoles.SequenceEqual([change.Role]))
        {
            problems = Problems(await users.RemoveFromRolesAsync(user, currentRoles));
            problems = problems.Count > 0 ? problems : Problems(await users.AddToRoleAsync(user, change.Role));
        }

        if (problems.Count == 0 && !string.IsNullOrEmpty(change.NewPassword))
        {
            var reset = await users.GeneratePasswordResetTokenAsync(user);
            problems = Problems(await users.ResetPasswordAsync(user, reset, change.NewPassword));
        }

        if (problems.Count == 0)
        {
            await SetFacilitiesAsync(user.Id, change.FacilityIds);
        }

        return problems;
    }

    /// <summary>A locked account cannot sign in, and its open screens are signed out at their next check.</summary>
    public async Task<IReadOnlyList<string>> SetLockedAsync(string adminId, string userId, bool locked)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["That account no longer exists."];
        }

        var admin = await scopes.ForUserAsync(adminId);
        var theirs = await db.StaffFacilities.Where(f => f.UserId == userId).Select(f => f.FacilityId).ToListAsync();
        if (!admin.Roles.Contains(StaffRoles.Admin) || !(admin.IsGlobal || (theirs.Count > 0 && theirs.All(admin.Sees))))
        {
            return ["Only an administrator of all of this account's facilities can lock or unlock it."];
        }

        if (locked && user.Id == adminId)
        {
            return ["You cannot lock your own account."];
        }

        if (locked && await users.IsInRoleAsync(user, StaffRoles.Admin) && await IsLastAdminAsync(user))
        {
            return [$"{user.UserName} is the only administrator and cannot be locked."];
        }

        var problems = Problems(await users.SetLockoutEnabledAsync(user, true));
        problems = problems.Count > 0 ? problems : Problems(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        return problems.Count > 0 ? problems : Problems(await users.UpdateSecurityStampAsync(user));
    }

    private async Task<bool> IsLastAdminAsync(StaffUser user)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return admins.All(a => a.Id == user.Id || a.LockoutEnd > now);
    }

    /// <returns>Why the administrator may not make this change, or null.</returns>
    private async Task<string?> RefusalAsync(string adminId, StaffChange change, string? userId = null)
    {
        var admin = await scopes.ForUserAsync(adminId);
        if (!admin.Roles.Contains(StaffRoles.Admin))
        {
            return "Changes need the Admin role.";
        }

        if (change.FacilityIds.Count == 0 && (change.Role != StaffRoles.Admin || !admin.IsGlobal))
        {
            return change.Role == StaffRoles.Admin
                ? "Only a global administrator can make another one; choose the facilities this administrator looks after."
                : "Choose at least one facility the account works for.";
        }

        var current = userId is null ? [] : await db.StaffFacilities.Where(f => f.UserId == userId).Select(f => f.FacilityId).ToListAsync();
        if (!change.FacilityIds.Concat(current).All(admin.Sees) || (userId is not null && current.Count == 0 && !admin.IsGlobal))
        {
            return "You can only manage accounts of the facilities you administer.";
        }

        if (change.AssignedCounterId is { } counterId
            && !await db.Counters.AnyAsync(c => c.Id == counterId && change.FacilityIds.Contains(c.FacilityId)))
        {
            return "The fixed counter must belong to one of the account's facilities.";
        }

        return null;
    }

    private async Task SetFacilitiesAsync(string userId, IReadOnlyList<int> facilityIds)
    {
        await db.StaffFacilities.Where(f => f.UserId == userId).ExecuteDeleteAsync();
        db.StaffFacilities.AddRange(facilityIds.Distinct().Select(id => new StaffFacility { UserId = userId, FacilityId = id }));
        await db.SaveChangesAsync();
    }

    private static List<string> Problems(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();
}
