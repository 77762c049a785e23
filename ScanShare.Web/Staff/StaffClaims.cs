using System.Globalization;
using System.Security.Claims;

namespace ScanShare.Web.Staff;

public static class StaffClaims
{
    /// <summary>The counter a clerk chose (or was assigned) at sign-in, by database id.</summary>
    public const string Counter = "scanshare:counter";

    /// <summary>Present when an administrator fixed the clerk's counter, rather than the clerk choosing it.</summary>
    public const string CounterAssigned = "scanshare:counter-assigned";

    /// <summary>The account's id, as Identity puts it in the sign-in cookie.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");

    public static bool HasAssignedCounter(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == CounterAssigned);

    public static int? CounterId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Counter), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static IReadOnlyList<Claim> ForCounter(int counterId, bool assigned) =>
        assigned
            ? [new(Counter, counterId.ToString(CultureInfo.InvariantCulture)), new(CounterAssigned, "true")]
            : [new(Counter, counterId.ToString(CultureInfo.InvariantCulture))];
}
