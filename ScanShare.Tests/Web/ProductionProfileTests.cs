using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

/// <summary>The app as a hospital runs it: Production, the real gateway configured, the first admin from the environment.</summary>
public sealed class ProductionProfileTests
{
    private const string Site = "scanshare.hospital.example";
    private const string Proxy = "10.20.0.5";

    [Fact]
    public async Task OverHttpsTheSignInCookiesAreSecureAndEveryAnswerCarriesHsts()
    {
        await using var production = Production();
        production.ClientOptions.BaseAddress = new Uri($"https://{Site}");

        var (response, antiforgeryCookie) = await production.PostSignInAsync("it.admin", "Str0ng!Passphrase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var staffCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ScanShare.Staff=", StringComparison.Ordinal));
        Assert.Contains("; secure", staffCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", staffCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(antiforgeryCookie);
        using var form = await production.CreateClient().GetAsync("/account/login");
        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)
            && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("max-age=31536000", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")));
        response.Dispose();
    }

    [Fact]
    public async Task EvenAnAnswerOverPlainHttpMarksTheStaffCookieSecure()
    {
        await using var production = Production(builder => builder.UseSetting("Hosting:HttpsRedirection", "false"));
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Site}"), AllowAutoRedirect = false });

        using var signOut = await http.PostAsync("/account/logout", null);

        var staffCookie = Assert.Single(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ScanShare.Staff=", StringComparison.Ordinal));
        Assert.Contains("; secure", staffCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainHttpIsRedirectedToHttpsExceptHealthProbes()
    {
        await using var production = Production(builder => builder.UseSetting("Hosting:HttpsPort", "443"));
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Site}"), AllowAutoRedirect = false });

        using var page = await http.GetAsync("/account/login?returnUrl=%2Fsupervisor");
        using var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.PermanentRedirect, page.StatusCode);
        Assert.Equal($"https://{Site}/account/login?returnUrl=%2Fsupervisor", page.Headers.Location?.ToString());
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over https");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task BehindAKnownProxyTheForwardedSchemeAndAddressAreBelievedAndFromAnyoneElseIgnored()
    {
        await using var production = Production(builder =>
        {
            builder.UseSetting("Hosting:HttpsPort", "443");
            builder.UseSetting("Hosting:ForwardedHeaders:KnownProxies:0", Proxy);
        });
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Site}"), AllowAutoRedirect = false });

        using var viaProxy = await http.SendAsync(ForwardedLogin(from: Proxy));
        using var viaStranger = await http.SendAsync(ForwardedLogin(from: "198.51.100.23"));

        Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
        Assert.True(viaProxy.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(viaProxy.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.PermanentRedirect, viaStranger.StatusCode);
        Assert.Contains(production.Services.GetFakeLogCollector().GetSnapshot(), l => l.Message.Contains("Ignored X-Forwarded-Proto from 198.51.100.23"));
    }

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        await using var production = Production();
        production.ClientOptions.BaseAddress = new Uri($"https://{Site}");
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = production.ClientOptions.BaseAddress });

        foreach (var path in new[] { "/account/login", "/", "/health", "/qr/IN0710000123/OPD-REG-1.svg", "/api/v3/nothing-here", "/no-such-page", "/app.css" })
        {
            using var response = await http.GetAsync(path);

            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'self'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task TheSimulatorSwitchedOnInProductionStopsTheAppAtStart()
    {
        await using var production = Production(builder => builder.UseSetting("Simulator:Enabled", "true"));

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains("Simulator:Enabled", failure.Message);
        Assert.Contains("only allowed in Development", failure.Message);
    }

    [Theory]
    [InlineData("Hosting:ForwardedHeaders:KnownProxies:0", "proxy.hospital.local", "is not an IP address")]
    [InlineData("Hosting:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "is not a network in CIDR notation")]
    [InlineData("Hosting:HstsMaxAgeDays", "-1", "HstsMaxAgeDays")]
    public async Task AMistakeInTheHostingSettingsStopsTheAppAtStartNamingIt(string setting, string value, string message)
    {
        await using var production = Production(builder => builder.UseSetting(setting, value));

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains(message, failure.Message);
    }

    private static HttpRequestMessage ForwardedLogin(string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "192.168.40.17");
        request.From(from);
        return request;
    }

    private static WebApplicationFactory<Program> Production(Action<IWebHostBuilder>? configure = null) =>
        new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.invalid/api/hiecm");
            builder.UseSetting("Abdm:Abha:BaseUrl", "https://abha.invalid/abha/api/v3");
            builder.UseSetting("Abdm:Gateway:ClientId", "facility");
            builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
            builder.UseSetting("Staff:BootstrapAdmin:UserName", "it.admin");
            builder.UseSetting("Staff:BootstrapAdmin:Password", "Str0ng!Passphrase");
            builder.UseClientAddressHeader();
            configure?.Invoke(builder);
        });
}
