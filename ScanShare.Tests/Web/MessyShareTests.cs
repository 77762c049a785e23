using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

/// <summary>
/// Real ABHA profiles are messy. Through the signed endpoint of every protocol generation, a messy optional field
/// never costs the patient their token: it is normalized, or kept and flagged for the clerk. Only the patient's
/// identity and the share's routing can refuse a share.
/// </summary>
public sealed class MessyShareTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(20);
    private static int _seed = 3000;
    private readonly GatewayClient _gateway = new(app);

    private static readonly (string Description, string Change, DemographicField Field, string? Stored, string? Flag)[] MessyCases =
    [
        ("mobile with a leading 0", "mobile=\"09876543210\"", DemographicField.Mobile, "9876543210", null),
        ("mobile with +91, a space and a dash", "mobile=\"+91 98765-43210\"", DemographicField.Mobile, "9876543210", null),
        ("mobile as a JSON number", "mobile=9876543210", DemographicField.Mobile, "9876543210", null),
        ("landline", "mobile=\"0522-2612345\"", DemographicField.Mobile, "0522-2612345", "Mobile needs checking: received '0522-2612345'"),
        ("mobile of 5 digits", "mobile=\"12345\"", DemographicField.Mobile, "12345", "Mobile needs checking: received '12345'"),
        ("mobile as an object", "mobile={\"number\":\"9876543210\"}", DemographicField.Mobile, null, "Mobile needs checking: received '{\"number\":\"9876543210\"}'"),
        ("PIN with a space", "address.pincode=\"226 010\"", DemographicField.Pincode, "226010", null),
        ("PIN with a dash", "address.pincode=\"226-010\"", DemographicField.Pincode, "226010", null),
        ("PIN as a JSON number", "address.pincode=226010", DemographicField.Pincode, "226010", null),
        ("PIN of 4 digits", "address.pincode=\"1100\"", DemographicField.Pincode, "1100", "PIN code needs checking: received '1100'"),
        ("gender in lower case", "gender=\"m\"", DemographicField.Gender, "M", null),
        ("gender as a word", "gender=\"Female\"", DemographicField.Gender, "F", null),
        ("gender missing", "-gender", DemographicField.Gender, "U", "Gender was not shared"),
        ("gender not a code", "gender=\"X\"", DemographicField.Gender, "U", "Gender needs checking: received 'X'"),
        ("year, month and day as text", "yearOfBirth=\"1979\"|monthOfBirth=\"08\"|dayOfBirth=\"14\"", DemographicField.MonthOfBirth, "8", null),
        ("year as true", "yearOfBirth=true", DemographicField.YearOfBirth, null, "Year of birth needs checking: received 'true'"),
        ("year in the future", "yearOfBirth=2090", DemographicField.YearOfBirth, null, "Year of birth needs checking: received '2090'"),
        ("year as words", "yearOfBirth=\"nineteen\"", DemographicField.YearOfBirth, null, "Year of birth needs checking: received 'nineteen'"),
        ("month 13", "monthOfBirth=13", DemographicField.MonthOfBirth, null, "Month of birth needs checking: received '13'"),
        ("31 April", "monthOfBirth=4|dayOfBirth=31", DemographicField.DayOfBirth, null, "Day of birth needs checking: received '31'"),
        ("empty text for day, month and mobile", "dayOfBirth=\"\"|monthOfBirth=\"\"|mobile=\"\"", DemographicField.Mobile, null, null),
        ("address as one line of text", "address=\"12 MG Road, Pune 411001\"", DemographicField.AddressLine, "12 MG Road, Pune 411001", null),
        ("address as a list", "address=[\"12 MG Road\"]", DemographicField.AddressLine, null, "Address needs checking: received '[\"12 MG Road\"]'"),
        ("address line as a number", "address.line=42", DemographicField.AddressLine, "42", null),
        ("district as an object", "address.district={}", DemographicField.District, null, "District needs checking: received '{}'"),
    ];

    public static TheoryData<string, string, string, DemographicField, string?, string?> MessyShares()
    {
        var data = new TheoryData<string, string, string, DemographicField, string?, string?>();
        foreach (var version in ScanShare.Web.Simulator.SimulatedShares.Versions)
        {
            foreach (var (description, change, field, stored, flag) in MessyCases)
            {
                data.Add(version, description, change, field, stored, flag);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MessyShares))]
    public async Task AMessyButRealProfileGetsATokenAndItsCallbackWithTheFieldNormalizedOrFlagged(
        string version, string description, string change, DemographicField field, string? stored, string? flag)
    {
        var requestId = Guid.NewGuid();
        using var request = await ShareBodies.CreateAsync(version, GatewayClient.Patient(Interlocked.Increment(ref _seed)), requestId,
            _gateway.Keys.CreateGatewayToken(), change);

        using var response = await _gateway.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{version} {description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var callback = await _gateway.Inbox.WaitForAsync(requestId, CallbackTimeout);
        await using var db = app.CreateDbContext();
        var share = await db.ShareRecords.SingleAsync(s => s.RequestId == requestId);
        var token = await db.Tokens.SingleAsync(t => t.Id == share.TokenId);
        Assert.Equal("SUCCESS", callback.Status);
        Assert.Equal(version == "v0.5" ? null : token.Label, callback.TokenNumber);
        var patient = (await db.Patients.SingleAsync(p => p.Id == share.PatientId)).Demographics();
        Assert.True(stored == patient.ValueOf(field)?.ToString(), $"{version} {description}: stored '{patient.ValueOf(field)}'");
        Assert.Equal(flag, patient.Flags.For(field)?.Message);
        Assert.Equal(flag is null ? 0 : 1, patient.Flags.All.Count);
    }

    private static readonly (string Description, string Change, string? HipId, HttpStatusCode Status, string Field)[] RefusedCases =
    [
        ("no ABHA number and no ABHA address", "-abhaNumber|-abhaAddress", null, HttpStatusCode.BadRequest, "abhaAddress"),
        ("ABHA number with letters", "abhaNumber=\"91-ABCD-5678-9012\"", null, HttpStatusCode.BadRequest, "abhaNumber"),
        ("ABHA address with a space", "abhaAddress=\"sunita devi@abdm\"", null, HttpStatusCode.BadRequest, "abhaAddress"),
        ("missing name", "-name", null, HttpStatusCode.BadRequest, "name"),
        ("name as a number", "name=42", null, HttpStatusCode.BadRequest, "name"),
        ("unknown HIP id", "", "IN9999999999", HttpStatusCode.NotFound, "hipId"),
    ];

    public static TheoryData<string, string, string, string?, HttpStatusCode, string> RefusedShares()
    {
        var data = new TheoryData<string, string, string, string?, HttpStatusCode, string>();
        foreach (var version in ScanShare.Web.Simulator.SimulatedShares.Versions)
        {
            foreach (var (description, change, hipId, status, field) in RefusedCases)
            {
                data.Add(version, description, change, hipId, status, field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedShares))]
    public async Task OnlyAFaultInThePatientsIdentityOrTheSharesRoutingRefusesAShare(
        string version, string description, string change, string? hipId, HttpStatusCode status, string field)
    {
        var before = await _gateway.RowCountsAsync();
        using var request = await ShareBodies.CreateAsync(version, GatewayClient.Patient(Interlocked.Increment(ref _seed)), Guid.NewGuid(),
            _gateway.Keys.CreateGatewayToken(), change, hipId ?? ScanShare.Core.Facilities.DemoFacility.HipId);

        using var response = await _gateway.SendAsync(request);

        Assert.True(status == response.StatusCode, $"{version} {description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = field == "hipId" ? version == "v3" ? "metaData.hipId" : "X-HIP-ID" : ShareBodies.ErrorKey(version, field);
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), $"{version} {description}: {problem}");
        Assert.Equal(before, await _gateway.RowCountsAsync());
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("v1.0")]
    [InlineData("v0.5")]
    public async Task AShareForAnUnknownCounterIsStillAnsweredWithAFailedCallback(string version)
    {
        var requestId = Guid.NewGuid();
        using var request = await ShareBodies.CreateAsync(version, GatewayClient.Patient(Interlocked.Increment(ref _seed)), requestId,
            _gateway.Keys.CreateGatewayToken(), "mobile=\"0522-2612345\"", counterCode: "RADIOLOGY-7");

        using var response = await _gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callback = await _gateway.Inbox.WaitForAsync(requestId, CallbackTimeout);
        Assert.Equal(("FAILED", "Counter 'RADIOLOGY-7' is not in service at this facility."), (callback.Status, callback.ErrorMessage));
    }
}
