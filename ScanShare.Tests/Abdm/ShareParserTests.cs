using System.Text;
using System.Text.Json.Nodes;
using ScanShare.Core.Abdm;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Abdm;

public sealed class ShareParserTests
{
    private const string RequestId = "3f1d2c7e-5b8a-4c2e-9d0f-6a7b8c9d0e1f";
    private const int Year = 2026;

    [Fact]
    public void TheV3FixtureBecomesAShareAtItsCounter()
    {
        var result = ShareParser.ParseV3(Fixtures.Bytes("v3-share.json"), RequestId, "IN0710000123", Year);

        var share = Assert.IsType<ProfileShare>(result.Share);
        Assert.Equal((ShareProtocol.V3, Guid.Parse(RequestId), "IN0710000123", "OPD-REG-1"), (share.Protocol, share.RequestId, share.HipId, share.CounterCode));
        Assert.Equal(
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", "Sunita Devi", Gender.F, 1979, 8, 14, "9876543210",
                "H.No. 22, Gali 4, Kotla Mubarakpur", "South Delhi", "Delhi", "110003"),
            share.Patient);
    }

    [Fact]
    public void TheV1FixtureTakesTheCounterFromHipCodeAndTheMobileFromIdentifiers()
    {
        var result = ShareParser.ParseLegacy(ShareProtocol.V1, Fixtures.Bytes("v1.0-share.json"), "IN0710000123", Year);

        var share = Assert.IsType<ProfileShare>(result.Share);
        Assert.Equal(("PHARMACY-2", Guid.Parse("8b5e0f44-2a61-4e2f-bb7c-0c1d9f3a6e21")), (share.CounterCode, share.RequestId));
        Assert.Equal(("ramesh.yadav@abdm", "91-7650-2219-3384", "9812345670"), (share.Patient.AbhaAddress, share.Patient.AbhaNumber, share.Patient.Mobile));
    }

    [Fact]
    public void TheV05FixtureWithUnknownDayAndMonthAndNullsInTheAddressIsAccepted()
    {
        var result = ShareParser.ParseLegacy(ShareProtocol.V05, Fixtures.Bytes("v0.5-share.json"), "IN0710000123", Year);

        var patient = Assert.IsType<ProfileShare>(result.Share).Patient;
        Assert.Equal((1995, (int?)null, (int?)null), (patient.YearOfBirth!.Value, patient.MonthOfBirth, patient.DayOfBirth));
        Assert.Equal(((string?)null, "Bengaluru Urban", (string?)null), (patient.AddressLine, patient.District, patient.Pincode));
    }

    [Fact]
    public void NumbersSentAsStringsAndUnknownFieldsAreAccepted()
    {
        var body = V3(p =>
        {
            p["yearOfBirth"] = "1979";
            p["favouriteColour"] = "blue";
        });

        var result = ShareParser.ParseV3(body, RequestId, null, Year);

        Assert.Equal(1979, Assert.IsType<ProfileShare>(result.Share).Patient.YearOfBirth);
    }

    public static TheoryData<string, string, string?, string?> BadV3Shares => new()
    {
        // description, body mutation key, header request id, expected field
        { "malformed JSON", "!malformed", RequestId, "$" },
        { "body is not an object", "!array", RequestId, "$" },
        { "missing request id", "", null, "REQUEST-ID" },
        { "request id not a uuid", "", "12345", "REQUEST-ID" },
        { "unknown intent", "intent=LINK", RequestId, "intent" },
        { "missing counter", "metaData.context=", RequestId, "metaData.context" },
        { "counter with spaces", "metaData.context=OPD REG 1", RequestId, "metaData.context" },
        { "missing name", "name=", RequestId, "profile.patient.name" },
        { "bad gender", "gender=X", RequestId, "profile.patient.gender" },
        { "year as text", "yearOfBirth=nineteen", RequestId, "profile.patient.yearOfBirth" },
        { "year in the future", "yearOfBirth#2090", RequestId, "profile.patient.yearOfBirth" },
        { "month 13", "monthOfBirth#13", RequestId, "profile.patient.monthOfBirth" },
        { "30 February", "monthOfBirth#2|dayOfBirth#30", RequestId, "profile.patient.dayOfBirth" },
        { "short ABHA number", "abhaNumber=91-1234-5678", RequestId, "profile.patient.abhaNumber" },
        { "bad ABHA address", "abhaAddress=not an address", RequestId, "profile.patient.abhaAddress" },
        { "no ABHA at all", "abhaNumber=|abhaAddress=", RequestId, "profile.patient.abhaAddress" },
        { "bad mobile", "phoneNumber=12345", RequestId, "profile.patient.phoneNumber" },
        { "bad pincode", "address.pincode=1100", RequestId, "profile.patient.address.pincode" },
        { "missing patient", "!nopatient", RequestId, "profile.patient" },
    };

    [Theory]
    [MemberData(nameof(BadV3Shares))]
    public void EachBadV3ShareNamesTheField(string description, string mutation, string? requestId, string? field)
    {
        var body = Mutate(mutation);

        var result = ShareParser.ParseV3(body, requestId, "IN0710000123", Year);

        Assert.False(result.IsValid, description);
        Assert.Contains(field!, result.Errors.Keys);
    }

    [Fact]
    public void AHipIdInTheBodyThatDiffersFromTheHeaderIsRefused()
    {
        var result = ShareParser.ParseV3(Fixtures.Bytes("v3-share.json"), RequestId, "IN9999999999", Year);

        Assert.Equal(["metaData.hipId"], result.Errors.Keys);
    }

    [Fact]
    public void ALegacyShareWithoutHipIdHeaderOrRequestIdNamesBoth()
    {
        var json = JsonNode.Parse(Fixtures.Read("v1.0-share.json"))!;
        json["requestId"] = null;

        var result = ShareParser.ParseLegacy(ShareProtocol.V1, Encoding.UTF8.GetBytes(json.ToJsonString()), null, Year);

        Assert.Equal(["X-HIP-ID", "requestId"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    private static byte[] Mutate(string mutation)
    {
        return mutation switch
        {
            "!malformed" => Encoding.UTF8.GetBytes("{\"intent\": \"PROFILE_SHARE\", "),
            "!array" => Encoding.UTF8.GetBytes("[1, 2]"),
            "!nopatient" => Encoding.UTF8.GetBytes("""{"intent":"PROFILE_SHARE","metaData":{"hipId":"IN0710000123","context":"OPD-REG-1"},"profile":{}}"""),
            _ => Apply(mutation),
        };

        static byte[] Apply(string mutation)
        {
            var json = JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
            foreach (var change in mutation.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var numeric = change.Contains('#');
                var parts = change.Split(numeric ? '#' : '=', 2);
                var target = parts[0] switch
                {
                    "intent" => json.AsObject(),
                    var key when key.StartsWith("metaData.") => json["metaData"]!.AsObject(),
                    var key when key.StartsWith("address.") => json["profile"]!["patient"]!["address"]!.AsObject(),
                    _ => json["profile"]!["patient"]!.AsObject(),
                };
                var name = parts[0].Split('.')[^1];
                target[name] = numeric ? JsonValue.Create(int.Parse(parts[1])) : parts[1].Length == 0 ? null : JsonValue.Create(parts[1]);
            }

            return Encoding.UTF8.GetBytes(json.ToJsonString());
        }
    }

    private static byte[] V3(Action<JsonObject> changePatient)
    {
        var json = JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
        changePatient(json["profile"]!["patient"]!.AsObject());
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
