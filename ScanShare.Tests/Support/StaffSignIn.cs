using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using ScanShare.Web.Staff;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.Support;

/// <summary>Signs the demo accounts in through the real sign-in form, as a browser would.</summary>
public static partial class StaffSignIn
{
    public static string PasswordOf(string userName) => DemoAccounts.All.Single(a => a.UserName == userName).Password;

    /// <summary>Posts the sign-in form and returns the cookies a signed-in browser would send (for HTTP and hub clients).</summary>
    public static async Task<string> SignInCookiesAsync(this WebApplicationFactory<Program> app, string userName, string? password = null)
    {
        var (response, antiforgeryCookie) = await app.PostSignInAsync(userName, password ?? PasswordOf(userName));
        using (response)
        {
            var signedIn = Cookies(response);
            if (response.StatusCode != HttpStatusCode.Redirect || !signedIn.Contains("ScanShare.Staff", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
            }

            return $"{antiforgeryCookie}; {signedIn}";
        }
    }

    /// <summary>
    /// Opens the sign-in form and posts it once (from the client address <paramref name="from"/>, where the app was
    /// built with <see cref="ClientAddress.UseClientAddressHeader"/>); returns the answer and the form's antiforgery cookie.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string AntiforgeryCookie)> PostSignInAsync(
        this WebApplicationFactory<Program> app, string userName, string password, string? from = null)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var formRequest = new HttpRequestMessage(HttpMethod.Get, StaffHosting.LoginPath);
        if (from is not null)
        {
            formRequest.From(from);
        }

        using var form = await http.SendAsync(formRequest);
        var html = await form.Content.ReadAsStringAsync();
        var antiforgeryCookie = Cookies(form);
        using var post = new HttpRequestMessage(HttpMethod.Post, StaffHosting.LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        if (from is not null)
        {
            post.From(from);
        }

        return (await http.SendAsync(post), antiforgeryCookie);
    }

    /// <summary>An HTTP client signed in as the given demo account; redirects are not followed, so tests see them.</summary>
    public static async Task<HttpClient> CreateStaffClientAsync(this WebApplicationFactory<Program> app, string userName)
    {
        var cookies = await app.SignInCookiesAsync(userName);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }

    /// <summary>Opens a page, signs in through the form it redirects to (optionally choosing a counter) and waits for the landing page.</summary>
    public static async Task SignInAsync(IPage page, string userName, string? counterCode = null, string? returnUrl = null)
    {
        // As a newcomer does: open the app, get sent to sign in, come back.
        await page.GotoAsync(returnUrl ?? "/");
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(PasswordOf(userName));
        if (counterCode is not null)
        {
            await page.Locator("#counter").SelectOptionAsync(new SelectOptionValue { Label = await CounterOptionLabelAsync(page, counterCode) });
        }

        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(userName, new() { Timeout = 10_000 });
    }

    private static async Task<string> CounterOptionLabelAsync(IPage page, string counterCode)
    {
        var labels = await page.Locator("#counter option").AllTextContentsAsync();
        return labels.Single(l => l.Contains($"({counterCode})", StringComparison.Ordinal));
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
