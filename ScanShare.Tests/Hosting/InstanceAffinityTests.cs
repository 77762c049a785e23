using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;
using ScanShare.Web.Hosting;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Hosting;

public sealed class InstanceAffinityTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    [Fact]
    public async Task APageRequestWithoutTheCookieGetsALongLivedRandomOne()
    {
        using var first = await Client().GetAsync("/account/login");
        using var second = await Client().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = AffinityCookie(first);
        Assert.NotNull(cookie);
        Assert.Matches($"^{InstanceAffinity.CookieName}=[0-9a-f]{{32}};", cookie);
        Assert.Contains("; path=/", cookie);
        Assert.Contains("; max-age=34560000", cookie);
        Assert.Contains("; samesite=lax", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.DoesNotContain("; secure", cookie);
        Assert.NotEqual(cookie.Split(';')[0], AffinityCookie(second)?.Split(';')[0]);
    }

    [Fact]
    public async Task OverHttpsTheCookieIsSecure()
    {
        using var response = await Client(new Uri("https://localhost")).GetAsync("/account/login");

        Assert.Contains("; secure", AffinityCookie(response));
    }

    [Fact]
    public async Task ABrowserThatHasTheCookieGetsNoNewOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", $"{InstanceAffinity.CookieName}=0123456789abcdef0123456789abcdef");

        using var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(AffinityCookie(response));
    }

    [Fact]
    public async Task TheGatewaysCallsAndHealthProbesGetNone()
    {
        var keys = app.Services.GetRequiredService<SimulatorKeys>();
        var http = Client();

        using var share = await http.SendAsync(SimulatedShares.Create("v3", DemoFacility.HipId, "OPD-REG-1",
            new IndianPatientGenerator(new Random(7)).Next(), Guid.NewGuid(), keys.CreateGatewayToken(), DateTimeOffset.UtcNow));
        using var unsigned = await http.PostAsync("/v1.0/patients/profile/share", new StringContent("{}"));
        using var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Accepted, share.StatusCode);
        Assert.Null(AffinityCookie(share));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Null(AffinityCookie(unsigned));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Null(AffinityCookie(health));
    }

    private HttpClient Client(Uri? baseAddress = null) =>
        app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = baseAddress ?? app.ClientOptions.BaseAddress,
            AllowAutoRedirect = false,
            HandleCookies = false,
        });

    private static string? AffinityCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.SingleOrDefault(c => c.StartsWith($"{InstanceAffinity.CookieName}=", StringComparison.Ordinal))
            : null;
}
