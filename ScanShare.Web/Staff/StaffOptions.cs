using System.ComponentModel.DataAnnotations;

namespace ScanShare.Web.Staff;

/// <summary>The <c>Staff</c> section: how the first accounts come to exist.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Seeds the documented demo accounts; refused outside Development.</summary>
    public bool DemoAccounts { get; set; }

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>
    /// Sign-in attempts allowed from one client address per minute, whatever the account: enough for a shift change
    /// at one counter PC, too few to keep guessing, or to keep every clerk locked out by failing for them.
    /// </summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;
}

/// <summary>Created at start when the database has no administrator yet; set it once, e.g. by environment variables.</summary>
public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
