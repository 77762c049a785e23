using System.Globalization;
using System.Security.Claims;

namespace ScanShare.Web.Staff;

public static class StaffClaims
{
    /// <summary>The counter a clerk chose (or was assigned) at sign-in, by database id.</summary>
    public const string Counter = "scanshare:counter";

    public static int? CounterId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Counter), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Claim ForCounter(int counterId) => new(Counter, counterId.ToString(CultureInfo.InvariantCulture));
}
