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
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", new PatientDemographics("Sunita Devi", Gender.F, 1979, 8, 14, "9876543210",
                "H.No. 22, Gali 4, Kotla Mubarakpur", "South Delhi", "Delhi", "110003")),
            share.Patient);
    }

    [Fact]
    public void TheV1FixtureTakesTheCounterFromHipCodeAndTheMobileFromIdentifiers()
    {
        var result = ShareParser.ParseLegacy(ShareProtocol.V1, Fixtures.Bytes("v1.0-share.json"), "IN0710000123", Year);

        var share = Assert.IsType<ProfileShare>(result.Share);
        Assert.Equal(("PHARMACY-2", Guid.Parse("8b5e0f44-2a61-4e2f-bb7c-0c1d9f3a6e21")), (share.CounterCode, share.RequestId));
        Assert.Equal(("ramesh.yadav@abdm", "91-7650-2219-3384", "9812345670"), (share.Patient.AbhaAddress, share.Patient.AbhaNumber, share.Patient.Demographics.Mobile));
    }

    [Fact]
    public void TheV05FixtureWithUnknownDayAndMonthAndNullsInTheAddressIsAccepted()
    {
        var result = ShareParser.ParseLegacy(ShareProtocol.V05, Fixtures.Bytes("v0.5-share.json"), "IN0710000123", Year);

        var patient = Assert.IsType<ProfileShare>(result.Share).Patient.Demographics;
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

        Assert.Equal(1979, Assert.IsType<ProfileShare>(result.Share).Patient.Demographics.YearOfBirth);
    }

    public static TheoryData<string, string, string?, string?> BadV3Shares => new()
    {
        // description, body mutation key, header request id, expected field
        { "malformed JSON", "!malformed", RequestId, "$" },
        { "body is not an object", "!array", RequestId, "$" },
        { "missing request id", "", null, "REQUEST-ID" },
        { "request id not a uuid", "", "12345", "REQUEST-ID" },
        { "request id all zeros", "", "00000000-0000-0000-0000-000000000000", "REQUEST-ID" },
        { "unknown intent", "intent=LINK", RequestId, "intent" },
        { "missing counter", "metaData.context=", RequestId, "metaData.context" },
        { "counter with spaces", "metaData.context=OPD REG 1", RequestId, "metaData.context" },
        { "missing name", "name=", RequestId, "profile.patient.name" },
        { "name of spaces", "name=   ", RequestId, "profile.patient.name" },
        { "name longer than 200", "name=" + new string('a', 201), RequestId, "profile.patient.name" },
        { "name as a number", "name:42", RequestId, "profile.patient.name" },
        { "short ABHA number", "abhaNumber=91-1234-5678", RequestId, "profile.patient.abhaNumber" },
        { "ABHA number as a number", "abhaNumber:91423187345520", RequestId, "profile.patient.abhaNumber" },
        { "bad ABHA address", "abhaAddress=not an address", RequestId, "profile.patient.abhaAddress" },
        { "no ABHA at all", "abhaNumber=|abhaAddress=", RequestId, "profile.patient.abhaAddress" },
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

    public static TheoryData<string, string, DemographicField, string?, string?> MessyV3Shares => new()
    {
        // description, body mutation, field, the value kept, the flag the clerk sees (null: nothing to check)
        { "mobile with a leading 0", "phoneNumber=09876543210", DemographicField.Mobile, "9876543210", null },
        { "mobile with +91, spaces and a dash", "phoneNumber=+91 98765-43210", DemographicField.Mobile, "9876543210", null },
        { "mobile with 91 and no plus", "phoneNumber=919876543210", DemographicField.Mobile, "9876543210", null },
        { "mobile as a JSON number", "phoneNumber:9876543210", DemographicField.Mobile, "9876543210", null },
        { "landline", "phoneNumber=0522-2612345", DemographicField.Mobile, "0522-2612345", "Mobile needs checking: received '0522-2612345'" },
        { "mobile of 5 digits", "phoneNumber=12345", DemographicField.Mobile, "12345", "Mobile needs checking: received '12345'" },
        { "mobile as an object", "phoneNumber:{\"n\":1}", DemographicField.Mobile, null, "Mobile needs checking: received '{\"n\":1}'" },
        { "PIN with a space", "address.pincode=226 010", DemographicField.Pincode, "226010", null },
        { "PIN with a dash", "address.pincode=226-010", DemographicField.Pincode, "226010", null },
        { "PIN as a JSON number", "address.pincode:226010", DemographicField.Pincode, "226010", null },
        { "PIN of 4 digits", "address.pincode=1100", DemographicField.Pincode, "1100", "PIN code needs checking: received '1100'" },
        { "gender in lower case", "gender=m", DemographicField.Gender, "M", null },
        { "gender as a word", "gender=Female", DemographicField.Gender, "F", null },
        { "gender missing", "-gender", DemographicField.Gender, "U", "Gender was not shared" },
        { "gender not a code", "gender=X", DemographicField.Gender, "U", "Gender needs checking: received 'X'" },
        { "gender as true", "gender:true", DemographicField.Gender, "U", "Gender needs checking: received 'true'" },
        { "year as text", "yearOfBirth=1979", DemographicField.YearOfBirth, "1979", null },
        { "year as words", "yearOfBirth=nineteen", DemographicField.YearOfBirth, null, "Year of birth needs checking: received 'nineteen'" },
        { "year as true", "yearOfBirth:true", DemographicField.YearOfBirth, null, "Year of birth needs checking: received 'true'" },
        { "year in the future", "yearOfBirth#2090", DemographicField.YearOfBirth, null, "Year of birth needs checking: received '2090'" },
        { "month 13", "monthOfBirth#13", DemographicField.MonthOfBirth, null, "Month of birth needs checking: received '13'" },
        { "30 February", "monthOfBirth#2|dayOfBirth#30", DemographicField.DayOfBirth, null, "Day of birth needs checking: received '30'" },
        { "day as empty text", "dayOfBirth:\"\"", DemographicField.DayOfBirth, null, null },
        { "address as one line of text", "address:\"12 MG Road, Pune\"", DemographicField.AddressLine, "12 MG Road, Pune", null },
        { "address as a list", "address:[1]", DemographicField.AddressLine, null, "Address needs checking: received '[1]'" },
        { "address line as a number", "address.line:42", DemographicField.AddressLine, "42", null },
        { "district as an object", "address.district:{}", DemographicField.District, null, "District needs checking: received '{}'" },
    };

    [Theory]
    [MemberData(nameof(MessyV3Shares))]
    public void EachMessyOptionalFieldIsNormalizedOrKeptAndFlaggedNeverRefused(
        string description, string mutation, DemographicField field, string? value, string? flag)
    {
        var result = ShareParser.ParseV3(Mutate(mutation), RequestId, "IN0710000123", Year);

        var patient = Assert.IsType<ProfileShare>(result.Share).Patient.Demographics;
        Assert.True(value == patient.ValueOf(field)?.ToString(), $"{description}: {patient.ValueOf(field)}");
        Assert.Equal(flag, patient.Flags.For(field)?.Message);
        Assert.Equal(flag is null ? 0 : 1, patient.Flags.All.Count);
    }

    [Fact]
    public void AShareWithEverythingOptionalLeftOutIsAcceptedWithOnlyTheGenderFlagged()
    {
        var body = """{"intent":"PROFILE_SHARE","metaData":{"hipId":"IN0710000123","context":"OPD-REG-1"},"profile":{"patient":{"abhaAddress":"asha@sbx","name":"Asha"}}}""";

        var patient = Assert.IsType<ProfileShare>(ShareParser.ParseV3(Encoding.UTF8.GetBytes(body), RequestId, null, Year).Share).Patient;

        Assert.Equal(new PatientDemographics("Asha", Gender.U, null, null, null, null, null, null, null, null)
        {
            Flags = DemographicFlags.None.With(new DemographicFlag(DemographicField.Gender, null)),
        }, patient.Demographics);
    }

    [Fact]
    public void AnOlderShareFindsTheMobileIdentifierInAnyCaseAndAsANumber()
    {
        var json = JsonNode.Parse(Fixtures.Read("v1.0-share.json"))!;
        json["profile"]!["patient"]!["identifiers"] = JsonNode.Parse("""[{"type":"MR","value":"A-17"},{"type":"mobile","value":9812345670}]""");

        var result = ShareParser.ParseLegacy(ShareProtocol.V1, Encoding.UTF8.GetBytes(json.ToJsonString()), "IN0710000123", Year);

        Assert.Equal("9812345670", Assert.IsType<ProfileShare>(result.Share).Patient.Demographics.Mobile);
    }

    [Fact]
    public void IdentifiersThatAreNotAListAreFlaggedAsTheMobile()
    {
        var json = JsonNode.Parse(Fixtures.Read("v0.5-share.json"))!;
        json["profile"]!["patient"]!["identifiers"] = JsonNode.Parse("""{"MOBILE":"9812345670"}""");

        var result = ShareParser.ParseLegacy(ShareProtocol.V05, Encoding.UTF8.GetBytes(json.ToJsonString()), "IN0710000123", Year);

        var patient = Assert.IsType<ProfileShare>(result.Share).Patient.Demographics;
        Assert.Null(patient.Mobile);
        Assert.Equal("Mobile needs checking: received '{\"MOBILE\":\"9812345670\"}'", patient.Flags.For(DemographicField.Mobile)?.Message);
    }

    [Fact]
    public void AV3ShareWithoutAPhoneNumberTakesTheMobileIdentifier()
    {
        var body = V3(p =>
        {
            p.Remove("phoneNumber");
            p["identifiers"] = JsonNode.Parse("""[{"type":"MOBILE","value":"+91-98765-43210"}]""");
        });

        Assert.Equal("9876543210", ShareParser.ParseV3(body, RequestId, null, Year).Share?.Patient.Demographics.Mobile);
    }

    [Fact]
    public void UnusedFieldsOfAnyTypeChangeNothing()
    {
        var json = JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
        json["metaData"]!["hprId"] = 17;
        json["metaData"]!["latitude"] = JsonNode.Parse("{}");

        Assert.True(ShareParser.ParseV3(Encoding.UTF8.GetBytes(json.ToJsonString()), RequestId, null, Year).IsValid);
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
            // key=text (empty: null), key#number, key:JSON, -key (left out)
            foreach (var change in mutation.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var at = change.StartsWith('-') ? change.Length : change.IndexOfAny(['=', '#', ':']);
                var (key, op, value) = (change[..at].TrimStart('-'), at < change.Length ? change[at] : '-', at < change.Length ? change[(at + 1)..] : "");
                var target = key switch
                {
                    "intent" => json.AsObject(),
                    _ when key.StartsWith("metaData.") => json["metaData"]!.AsObject(),
                    _ when key.StartsWith("address.") => json["profile"]!["patient"]!["address"]!.AsObject(),
                    _ => json["profile"]!["patient"]!.AsObject(),
                };
                var name = key.Split('.')[^1];
                if (op == '-')
                {
                    target.Remove(name);
                    continue;
                }

                target[name] = op switch
                {
                    '#' => JsonValue.Create(int.Parse(value)),
                    ':' => JsonNode.Parse(value),
                    _ => value.Length == 0 ? null : JsonValue.Create(value),
                };
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
