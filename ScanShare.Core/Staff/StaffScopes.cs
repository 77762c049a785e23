using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;

namespace ScanShare.Core.Staff;

/// <summary>Reads a member of staff's scope; a missing or locked-out account has none.</summary>
public sealed class StaffScopes(ScanShareDbContext db, TimeProvider clock)
{
    /// <exception cref="StaffAccessDeniedException">The account does not exist or is locked out.</exception>
    public async Task<StaffScope> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.AssignedCounterId, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.LockoutEnd > now)
        {
            throw new StaffAccessDeniedException("This account can no longer act here; sign in again.");
        }

        var roles = await db.UserRoles.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        var facilities = await db.StaffFacilities.AsNoTracking()
            .Where(f => f.UserId == userId)
            .Select(f => f.FacilityId)
            .ToListAsync(cancellationToken);
        var global = facilities.Count == 0 && roles.Contains(StaffRoles.Admin);
        return new StaffScope(
            user.Id,
            string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? user.Id : user.DisplayName,
            roles.ToHashSet(StringComparer.Ordinal),
            global ? null : facilities.ToHashSet(),
            user.AssignedCounterId);
    }
}
