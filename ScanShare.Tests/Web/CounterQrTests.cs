using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using ScanShare.Tests.Support;
using ScanShare.Web.Counters;

namespace ScanShare.Tests.Web;

public sealed class CounterQrTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    [Theory]
    [InlineData("https://phrsbx.abdm.gov.in/share-profile", "IN0710000123", "OPD-REG-1", "https://phrsbx.abdm.gov.in/share-profile?hip-id=IN0710000123&counter-id=OPD-REG-1")]
    [InlineData("https://phr.abdm.gov.in/share-profile", "IN07 10&x", "LAB_1", "https://phr.abdm.gov.in/share-profile?hip-id=IN07%2010%26x&counter-id=LAB_1")]
    public void TheLinkNamesTheFacilityAndTheCounter(string baseUrl, string hipId, string counter, string expected)
    {
        Assert.Equal(expected, CounterQrCodes.ShareLink(baseUrl, hipId, counter));
    }

    [Fact]
    public async Task TheSvgIsAnSvgImage()
    {
        using var response = await (await app.CreateStaffClientAsync("clerk")).GetAsync("/qr/IN0710000123/OPD-REG-1.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task ThePngDownloadsAsAPngNamedAfterTheCounter()
    {
        using var response = await (await app.CreateStaffClientAsync("clerk")).GetAsync("/qr/IN0710000123/LAB-1.png?download=true");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.InRange(width, 400, 2000);
        Assert.Equal("qr-LAB-1.png", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task AnUnknownCounterIsAProblem()
    {
        using var response = await (await app.CreateStaffClientAsync("clerk")).GetAsync("/qr/IN0710000123/NOPE-9.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NOPE-9", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public void ABrokenShareProfileUrlStopsStartup()
    {
        using var broken = new ScanShareAppFactory().WithWebHostBuilder(b => b.UseSetting("Abdm:Qr:ShareProfileBaseUrl", "phr.abdm.gov.in"));

        var failure = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains("Abdm:Qr:ShareProfileBaseUrl", failure.Message);
    }
}
