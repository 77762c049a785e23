namespace ScanShare.Core.Staff;

/// <summary>
/// What one member of staff may see and do, read from the database for each action, so that a changed role,
/// facility or counter takes effect at once, whatever page or circuit is still open.
/// </summary>
/// <param name="FacilityIds">The facilities they work for; null for a global administrator.</param>
/// <param name="AssignedCounterId">The one counter a fixed clerk may work at.</param>
public sealed record StaffScope(
    string UserId,
    string Name,
    IReadOnlySet<string> Roles,
    IReadOnlySet<int>? FacilityIds,
    int? AssignedCounterId)
{
    public bool IsGlobal => FacilityIds is null;

    public bool Sees(int facilityId) => FacilityIds is null || FacilityIds.Contains(facilityId);

    public bool MayOversee(int facilityId) =>
        Sees(facilityId) && (Roles.Contains(StaffRoles.Supervisor) || Roles.Contains(StaffRoles.Admin));

    public bool MayWorkAt(int facilityId, int counterId) =>
        Sees(facilityId)
        && (Roles.Contains(StaffRoles.Clerk) || Roles.Contains(StaffRoles.Admin))
        && (AssignedCounterId is null || AssignedCounterId == counterId);
}

/// <summary>A member of staff tried something outside their facilities, counter or role.</summary>
public sealed class StaffAccessDeniedException(string message) : Exception(message);
