using Microsoft.AspNetCore.Authorization;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

/// <summary>Who may do what: each page and hub names one of these.</summary>
public static class StaffPolicies
{
    /// <summary>Anyone signed in: the day's overview and the live hub.</summary>
    public const string AnyStaff = "AnyStaff";

    /// <summary>Working a counter: calling, registering, walk-ins, slips.</summary>
    public const string CounterWork = "CounterWork";

    /// <summary>Reading the figures, problems and configuration.</summary>
    public const string Oversight = "Oversight";

    /// <summary>Changing staff accounts, queues and counters.</summary>
    public const string Administration = "Administration";

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(AnyStaff, policy => policy.RequireRole(StaffRoles.All))
        .AddPolicy(CounterWork, policy => policy.RequireRole(StaffRoles.Clerk, StaffRoles.Admin))
        .AddPolicy(Oversight, policy => policy.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
        .AddPolicy(Administration, policy => policy.RequireRole(StaffRoles.Admin));
}
