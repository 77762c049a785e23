using Microsoft.AspNetCore.Identity;

namespace ScanShare.Core.Staff;

/// <summary>A member of staff who signs in: a counter clerk, a supervisor or an administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>When set, the clerk works at this counter only; otherwise they pick one at sign-in.</summary>
    public int? AssignedCounterId { get; set; }
}
