using System.Net;
using System.Text.RegularExpressions;
using ScanShare.Web.Staff;

namespace ScanShare.Bench.Live;

/// <summary>The live hub serves signed-in staff only: the subscribers sign in once through the real sign-in form, as the demo supervisor.</summary>
public static partial class StaffSignIn
{
    public static async Task<string> CookieHeaderAsync(Uri appAddress)
    {
        // The demo administrator is global: the benchmark's own facility is not the demo facility the other demo staff work for.
        var account = DemoAccounts.All.Single(a => a.UserName == "admin");
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = appAddress };
        using var form = await http.GetAsync(StaffHosting.LoginPath);
        var antiforgery = SetCookies(form);
        using var post = new HttpRequestMessage(HttpMethod.Post, StaffHosting.LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value,
                ["Input.UserName"] = account.UserName,
                ["Input.Password"] = account.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await http.SendAsync(post);
        return response.StatusCode == HttpStatusCode.Redirect
            ? SetCookies(response)
            : throw new InvalidOperationException($"The benchmark's sign-in was refused: {(int)response.StatusCode}.");
    }

    private static string SetCookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The cookies of a <see cref="CookieHeaderAsync"/> header, for a browser on the app.</summary>
    public static IEnumerable<Microsoft.Playwright.Cookie> Cookies(string cookieHeader, Uri appAddress) =>
        cookieHeader.Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new Microsoft.Playwright.Cookie { Name = pair[0], Value = pair[1], Url = appAddress.GetLeftPart(UriPartial.Authority) });
}
