using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

public sealed record StaffMember(string Id, string UserName, string DisplayName, string? Role, int? AssignedCounterId, bool IsLockedOut);

/// <param name="NewPassword">Required for a new account; for an existing one, null keeps the password.</param>
public sealed record StaffChange(string UserName, string DisplayName, string Role, int? AssignedCounterId, string? NewPassword);

/// <summary>The admin pages' view of staff accounts: one role each, an optional fixed counter, lock and unlock.</summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, ScanShareDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        var roleOf = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name, cancellationToken);
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return accounts
            .Select(u => new StaffMember(u.Id, u.UserName ?? "", u.DisplayName, roleOf.GetValueOrDefault(u.Id), u.AssignedCounterId,
                u.LockoutEnd is { } end && end > now))
            .ToList();
    }

    /// <returns>What is wrong, in words for the admin; empty when saved.</returns>
    public async Task<IReadOnlyList<string>> CreateAsync(StaffChange change)
    {
        if (string.IsNullOrEmpty(change.NewPassword))
        {
            return ["A new account needs a password."];
        }

        var user = new StaffUser { UserName = change.UserName.Trim(), DisplayName = change.DisplayName.Trim(), AssignedCounterId = change.AssignedCounterId };
        var problems = Problems(await users.CreateAsync(user, change.NewPassword));
        return problems.Count > 0 ? problems : Problems(await users.AddToRoleAsync(user, change.Role));
    }

    public async Task<IReadOnlyList<string>> UpdateAsync(string userId, StaffChange change)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["That account no longer exists."];
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

        return problems;
    }

    /// <summary>A locked account cannot sign in, and its open screens are signed out at their next check.</summary>
    public async Task<IReadOnlyList<string>> SetLockedAsync(string userId, bool locked, string signedInUserName)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return ["That account no longer exists."];
        }

        if (locked && string.Equals(user.UserName, signedInUserName, StringComparison.OrdinalIgnoreCase))
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

    private static List<string> Problems(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();
}
