using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class RequestHandlingTests
{
    [Theory]
    [InlineData("/account/login", "text/html")]
    [InlineData("/qr/IN0710000123/OPD-REG-1.svg", "image/svg+xml")]
    [InlineData("/health", "application/json")]
    public async Task HeadIsAnsweredWhereGetIsWithTheSameHeadersAndNoBody(string path, string contentType)
    {
        await using var app = new ScanShareAppFactory();
        using var http = await app.CreateStaffClientAsync("clerk");

        using var get = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var getLength = get.Content.Headers.ContentLength;
        var getBody = await get.Content.ReadAsByteArrayAsync();
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotEmpty(getBody);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(contentType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(getLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnImageAnsweredToHeadNamesTheLengthOfItsGet()
    {
        await using var app = new ScanShareAppFactory();
        using var http = await app.CreateStaffClientAsync("clerk");

        var image = await http.GetByteArrayAsync("/qr/IN0710000123/OPD-REG-1.png");
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/qr/IN0710000123/OPD-REG-1.png"));

        Assert.Equal(image.Length, head.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task BadQueryValuesAndMalformedFormsAreRefusedAndLoggedAsInformationNotAsErrors(string environment)
    {
        await using var app = App(environment);
        var supervisor = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false });
        supervisor.DefaultRequestHeaders.Add("Cookie", environment == "Development"
            ? await app.SignInCookiesAsync("supervisor")
            : await app.SignInCookiesAsync("it.admin", "Str0ng!Passphrase"));
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false });

        using var download = await supervisor.GetAsync("/qr/IN0710000123/OPD-REG-1.svg?download=maybe");
        using var from = await supervisor.GetAsync("/reports/IN0710000123/figures.csv?from=today&to=2026-11-26");
        using var garbageForm = await anonymous.PostAsync("/account/login", new StringContent("%%%&&&=", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var brokenMultipart = await anonymous.PostAsync("/account/login", new StringContent("--nothing", System.Text.Encoding.UTF8, "multipart/form-data"));

        Assert.Equal(HttpStatusCode.BadRequest, download.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, from.StatusCode);
        Assert.Equal("application/problem+json", from.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, garbageForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, brokenMultipart.StatusCode);
        // The production app cannot reach its made-up gateway's keys; that error is not about these requests.
        var logs = app.Services.GetFakeLogCollector().GetSnapshot().Where(l => l.Category != typeof(ScanShare.Web.Abdm.GatewayKeys).FullName).ToList();
        Assert.DoesNotContain(logs, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs, l => l.Exception is not null && l.Level >= LogLevel.Warning);
        Assert.Contains(logs, l => l.Level == LogLevel.Information && l.Message.Contains("download") && l.Message.Contains("maybe"));
        Assert.Contains(logs, l => l.Level == LogLevel.Information && l.Message.Contains("from") && l.Message.Contains("today"));
    }

    private static WebApplicationFactory<Program> App(string environment)
    {
        var app = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            if (environment != "Development")
            {
                builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.invalid/api/hiecm");
                builder.UseSetting("Abdm:Abha:BaseUrl", "https://abha.invalid/abha/api/v3");
                builder.UseSetting("Abdm:Gateway:ClientId", "facility");
                builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
                builder.UseSetting("Staff:BootstrapAdmin:UserName", "it.admin");
                builder.UseSetting("Staff:BootstrapAdmin:Password", "Str0ng!Passphrase");
            }
        });
        app.ClientOptions.BaseAddress = new Uri("https://localhost");
        return app;
    }
}
