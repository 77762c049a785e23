using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abha;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;
using ScanShare.Web.Abha;
using ScanShare.Web.Simulator;
using ScanShare.Web.Simulator.Abha;

namespace ScanShare.Tests.Web;

/// <summary>ABHA verification by OTP through the real client, over HTTP, against the simulated ABHA service.</summary>
public sealed class AbhaOtpTests : IAsyncLifetime
{
    private readonly ScanShareAppFactory _app = new();

    private AbhaOtpLogin Login => _app.Services.GetRequiredService<AbhaOtpLogin>();

    private SimulatedOtps Otps => _app.Services.GetRequiredService<SimulatedOtps>();

    public Task InitializeAsync()
    {
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnAbhaNumberIsVerifiedWithTheOtpTheSimulatorShowsAndItsProfileIsRead()
    {
        var sent = await Login.RequestOtpAsync(AbhaLoginHint.AbhaNumber, "91 2210 4433 8765");
        Assert.Equal("OTP is sent to mobile number ending with ******2345", sent.Message);

        var verified = await Login.VerifyOtpAsync(sent, OtpOf(sent));
        var profile = AbhaAccountReader.Read(await Login.ProfileAsync(verified, null), 2026);

        Assert.Equal(("91-2210-4433-8765", "irfan.khan@sbx", AbhaEvidence.OtpVerified, true),
            (profile.AbhaNumber, profile.AbhaAddress, profile.Evidence, profile.IsVerified));
        var d = profile.Demographics;
        Assert.Equal(("Mohammad Irfan Khan", Gender.M, 1985, 9, "9839012345", "226003"), (d.Name, d.Gender, d.YearOfBirth, d.MonthOfBirth, d.Mobile, d.Pincode));
        Assert.True(d.Flags.IsEmpty);
    }

    [Fact]
    public async Task AWrongOtpIsSaidAndTheRightOneStillVerifiesUntilThreeWrongTriesEndTheTransaction()
    {
        var sent = await Login.RequestOtpAsync(AbhaLoginHint.AbhaNumber, "91-5417-6573-4186");

        var wrong = await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(sent, Wrong(OtpOf(sent))));
        Assert.Equal(AbhaServiceError.WrongOtp, wrong.Error);
        Assert.Single((await Login.VerifyOtpAsync(sent, OtpOf(sent))).Accounts);

        var again = await Login.RequestOtpAsync(AbhaLoginHint.AbhaNumber, "91-5417-6573-4186");
        for (var i = 0; i < SimulatedOtps.MaxWrongTries - 1; i++)
        {
            Assert.Equal(AbhaServiceError.WrongOtp, (await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(again, Wrong(OtpOf(again))))).Error);
        }

        var blocked = await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(again, Wrong(OtpOf(again))));
        Assert.Equal((AbhaServiceError.TooManyAttempts, "ABDM-1100"), (blocked.Error, blocked.Code));
        Assert.Equal(AbhaServiceError.ExpiredTransaction, (await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(again, OtpOf(again)))).Error);
    }

    [Fact]
    public async Task AnExpiredOrAlreadyUsedTransactionAsksForANewOtp()
    {
        var sent = await Login.RequestOtpAsync(AbhaLoginHint.Mobile, "9839012345");
        Otps.Expire(sent.TxnId);

        var expired = await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(sent, OtpOf(sent)));

        Assert.Equal((AbhaServiceError.ExpiredTransaction, "ABDM-1017"), (expired.Error, expired.Code));
        Assert.Equal("This OTP has expired or was already used. Send a new OTP.", expired.Message);
        var fresh = await Login.RequestOtpAsync(AbhaLoginHint.Mobile, "9839012345");
        await Login.VerifyOtpAsync(fresh, OtpOf(fresh));
        Assert.Equal(AbhaServiceError.ExpiredTransaction, (await Assert.ThrowsAsync<AbhaServiceException>(() => Login.VerifyOtpAsync(fresh, OtpOf(fresh)))).Error);
    }

    [Fact]
    public async Task AMobileHoldingSeveralAbhasListsThemAndTheChosenAccountsProfileIsRead()
    {
        var sent = await Login.RequestOtpAsync(AbhaLoginHint.Mobile, "+91 94500 12345");
        var verified = await Login.VerifyOtpAsync(sent, OtpOf(sent));

        Assert.True(verified.ChoosesAccount);
        Assert.Equal(["Sunita Devi", "Ramesh Yadav", "Pooja Yadav"], verified.Accounts.Select(a => a.Name));
        var pooja = verified.Accounts.Single(a => a.Name == "Pooja Yadav");
        var profile = AbhaAccountReader.Read(await Login.ProfileAsync(verified, pooja.AbhaNumber), 2026);
        Assert.Equal(("91-5417-6573-4208", "Pooja Yadav", Gender.F, 2009), (profile.AbhaNumber, profile.Demographics.Name, profile.Demographics.Gender, profile.Demographics.YearOfBirth));
        var notAmongThem = await Assert.ThrowsAsync<AbhaServiceException>(() => Login.ProfileAsync(verified, "91-2210-4433-8765"));
        Assert.Equal("ABDM-1013", notAmongThem.Code);
    }

    [Fact]
    public async Task AnAbhaAddressAndAnAadhaarNumberAreVerifiedByTheirOwnLogins()
    {
        var byAddress = await Login.RequestOtpAsync(AbhaLoginHint.AbhaAddress, "Ramesh.Yadav1976@sbx");
        var addressProfile = AbhaAccountReader.Read(await Login.ProfileAsync(await Login.VerifyOtpAsync(byAddress, OtpOf(byAddress)), null), 2026);
        var byAadhaar = await Login.RequestOtpAsync(AbhaLoginHint.Aadhaar, "4829 1305 7761");
        var aadhaarProfile = AbhaAccountReader.Read(await Login.ProfileAsync(await Login.VerifyOtpAsync(byAadhaar, OtpOf(byAadhaar)), null), 2026);

        Assert.Equal(("91-5417-6573-4194", "ramesh.yadav1976@sbx", "Ramesh Yadav"), (addressProfile.AbhaNumber, addressProfile.AbhaAddress, addressProfile.Demographics.Name));
        Assert.Equal(("91-5417-6573-4186", "Sunita Devi"), (aadhaarProfile.AbhaNumber, aadhaarProfile.Demographics.Name));
        Assert.Equal("OTP is sent to the mobile linked with Aadhaar", byAadhaar.Message);
    }

    [Theory]
    [InlineData(AbhaLoginHint.Mobile, "9000000001", "loginId")]
    [InlineData(AbhaLoginHint.AbhaNumber, "91-0000-0000-0001", "ABDM-1013")]
    [InlineData(AbhaLoginHint.Aadhaar, "999999999999", "ABDM-1204")]
    [InlineData(AbhaLoginHint.AbhaAddress, "nobody@sbx", "ABDM-1132")]
    public async Task ALoginIdTheServiceDoesNotKnowIsSaidAsSuch(AbhaLoginHint hint, string loginId, string code)
    {
        var unknown = await Assert.ThrowsAsync<AbhaServiceException>(() => Login.RequestOtpAsync(hint, loginId));

        Assert.Equal(AbhaServiceError.UnknownLoginId, unknown.Error);
        Assert.Equal(code == "loginId" ? null : code, unknown.Code);
        Assert.Empty(Otps.Sent);
    }

    [Fact]
    public async Task TheServiceTakesOnlyLoginIdsEncryptedWithItsKeyAndOnlyWithAGatewaySession()
    {
        var client = _app.CreateClient();
        var session = await SessionAsync(client);
        using var plain = Request(HttpMethod.Post, "profile/login/request/otp", session,
            new { scope = new[] { "abha-login", "mobile-verify" }, loginHint = "mobile", loginId = "9839012345", otpSystem = "abdm" });
        using var noSession = Request(HttpMethod.Get, "profile/public/certificate", null, null);

        using var refused = await client.SendAsync(plain);
        using var unauthorized = await client.SendAsync(noSession);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Invalid LoginId", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("900901", (await unauthorized.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARevokedGatewaySessionIsRenewedOnceAndTheOtpGoesOut()
    {
        await Login.RequestOtpAsync(AbhaLoginHint.Mobile, "9839012345");
        _app.Services.GetRequiredService<SimulatorKeys>().RevokeSessions();

        var sent = await Login.RequestOtpAsync(AbhaLoginHint.Mobile, "9839012345");

        Assert.Equal(2, Otps.Sent.Count);
        Assert.Equal(sent.TxnId, Otps.Sent[0].TxnId);
    }

    [Theory]
    [InlineData("http://abha.example/abha/api/v3", "Abdm:Abha:BaseUrl must be an https URL")]
    [InlineData("", "Abdm:Abha:BaseUrl must be the ABHA service's absolute URL")]
    public async Task OutsideTheSimulatorTheAbhaServiceUrlMustBeHttps(string url, string message)
    {
        await using var production = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.example/api/hiecm");
            builder.UseSetting("Abdm:Gateway:ClientId", "facility");
            builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
            builder.UseSetting("Abdm:Abha:BaseUrl", url);
        });

        var failure = Assert.Throws<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains(message, failure.Message);
    }

    private string OtpOf(AbhaOtpSent sent) => Otps.Sent.Single(o => o.TxnId == sent.TxnId).Otp;

    private static string Wrong(string otp) => otp == "123456" ? "654321" : "123456";

    private static async Task<string> SessionAsync(HttpClient client)
    {
        using var request = Request(HttpMethod.Post, "/simulator/gateway/gateway/v3/sessions", null,
            new { clientId = "scanshare-demo", clientSecret = "demo-secret-not-for-production", grantType = "client_credentials" });
        request.Headers.Add("X-CM-ID", "sbx");
        using var response = await client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? session, object? body)
    {
        var request = new HttpRequestMessage(method, path.StartsWith('/') ? path : "/simulator/abha/api/v3/" + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = new("application/json");
        }

        request.Headers.Add("REQUEST-ID", Guid.NewGuid().ToString());
        request.Headers.Add("TIMESTAMP", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }

        return request;
    }
}
