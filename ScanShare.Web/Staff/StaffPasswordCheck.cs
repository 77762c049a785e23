using Microsoft.AspNetCore.Identity;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

/// <summary>
/// Checks a user name and password without telling anyone whether the account exists or is locked: every failure
/// gets the same answer, and since a password is hashed on every path, about the same time.
/// </summary>
public sealed class StaffPasswordCheck(UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
{
    public const string Failure =
        "Wrong user name or password, or the account is locked. Five wrong passwords lock an account for five minutes; your administrator can unlock it.";

    private static readonly StaffUser Nobody = new() { UserName = "nobody" };
    private static string? _nobodysHash;

    /// <returns>The account when the password is right and it may sign in; otherwise null.</returns>
    public async Task<StaffUser?> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            HashInVain(password);
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // A locked account is refused before its password is checked.
            HashInVain(password);
        }

        return result.Succeeded ? user : null;
    }

    private void HashInVain(string password)
    {
        _nobodysHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
    }
}
