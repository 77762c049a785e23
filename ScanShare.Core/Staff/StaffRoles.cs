namespace ScanShare.Core.Staff;

public static class StaffRoles
{
    /// <summary>Works a counter: calls, registers and serves patients.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Watches the day's figures and problems; changes nothing.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Manages staff, queues and counters, and may work a counter.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Clerk, Supervisor, Admin];
}
