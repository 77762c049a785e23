using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

public sealed record DemoAccount(string UserName, string Password, string DisplayName, string Role, string? AssignedCounterCode = null);

/// <summary>The accounts the README documents for the demo facility; never created outside Development.</summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("clerk", "Clerk@2026", "Asha Verma", StaffRoles.Clerk),
        new("clerk2", "Clerk@2026", "Ravi Kumar", StaffRoles.Clerk, AssignedCounterCode: "OPD-REG-2"),
        new("supervisor", "Supervisor@2026", "Meena Iyer", StaffRoles.Supervisor),
        new("admin", "Admin@2026", "Facility Admin", StaffRoles.Admin),
    ];
}
