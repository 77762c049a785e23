using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using ScanShare.Tests.Support;
using ScanShare.Web.Staff;

namespace ScanShare.Tests.Web;

public sealed partial class SignInProtectionTests
{
    [Fact]
    public async Task TheSignInAnswerIsTheSameForAWrongPasswordAnUnknownAccountAndALockedOne()
    {
        await using var app = new ScanShareAppFactory();
        var wrongPassword = await ErrorShownAsync(app, "clerk", "Wrong@2026");
        var unknownAccount = await ErrorShownAsync(app, "no.such.clerk", "Wrong@2026");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ErrorShownAsync(app, "clerk2", "Wrong@2026");
        }

        var lockedWithRightPassword = await ErrorShownAsync(app, "clerk2", StaffSignIn.PasswordOf("clerk2"));
        var unknownAfterAsManyTries = await ErrorShownAsync(app, "no.such.clerk", "Clerk@2026");

        Assert.Equal(StaffPasswordCheck.Failure, wrongPassword);
        Assert.Equal(wrongPassword, unknownAccount);
        Assert.Equal(wrongPassword, lockedWithRightPassword);
        Assert.Equal(wrongPassword, unknownAfterAsManyTries);
    }

    [Fact]
    public async Task SignInsFromOneAddressAreThrottledWhileOtherAddressesStillSignIn()
    {
        await using var app = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Staff:SignInAttemptsPerMinute", "4");
            builder.UseClientAddressHeader();
        });
        const string guesser = "192.168.10.66";

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (response, _) = await app.PostSignInAsync("clerk", $"Guess{attempt}@2026", from: guesser);
            answers.Add(response.StatusCode);
            if (attempt == 5)
            {
                Assert.Equal(SignInThrottle.Refusal, await response.Content.ReadAsStringAsync());
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }

            response.Dispose();
        }

        var (rightPasswordFromGuesser, _) = await app.PostSignInAsync("clerk2", StaffSignIn.PasswordOf("clerk2"), from: guesser);
        var (colleague, _) = await app.PostSignInAsync("clerk", StaffSignIn.PasswordOf("clerk"), from: "192.168.10.21");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordFromGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    private static async Task<string> ErrorShownAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string userName, string password)
    {
        var (response, _) = await app.PostSignInAsync(userName, password);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var error = LoginError().Match(await response.Content.ReadAsStringAsync());
            Assert.True(error.Success, $"No sign-in error shown for {userName}");
            return WebUtility.HtmlDecode(error.Groups[1].Value);
        }
    }

    [GeneratedRegex("id=\"login-error\">([^<]*)<")]
    private static partial Regex LoginError();
}
