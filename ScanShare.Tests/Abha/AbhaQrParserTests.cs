using ScanShare.Core.Abha;
using ScanShare.Core.Patients;

namespace ScanShare.Tests.Abha;

/// <summary>Every QR a patient may hold out at the desk, and what a scanner may type instead of one.</summary>
public sealed class AbhaQrParserTests
{
    private const int Year = 2026;

    private const string Card = """
        {"hidn":"91-5417-6573-4186","hid":"sunita.devi@abdm","name":"Sunita Devi","gender":"F","statelgd":"9","distlgd":"162",
         "dob":"14/8/1979","address":"H.No. 12, Gali 4, Aliganj","district_name":"Lucknow","mobile":"9876543210","state name":"UTTAR PRADESH"}
        """;

    private const string App = """
        {"hidn":"91-2210-4433-8765","phr":"irfan.khan@sbx","name":"Mohd. Irfan Khan","gender":"M","dob":"xx/9/1985","mobile":"+91 98390 12345",
         "address":"23 Nakhas","dist name":"Lucknow","state_name":"Uttar Pradesh","statelgd":9,"distlgd":162}
        """;

    [Fact]
    public void TheCardQrGivesTheAbhaNumberAddressAndDetailsUnverified()
    {
        var profile = AbhaQrParser.Read(Card, Year).Profile!;

        Assert.Equal(("91-5417-6573-4186", "sunita.devi@abdm", AbhaEvidence.CardQr, false),
            (profile.AbhaNumber, profile.AbhaAddress, profile.Evidence, profile.IsVerified));
        var d = profile.Demographics;
        Assert.Equal(("Sunita Devi", Gender.F, 1979, 8, 14, "9876543210"), (d.Name, d.Gender, d.YearOfBirth, d.MonthOfBirth, d.DayOfBirth, d.Mobile));
        Assert.Equal(("H.No. 12, Gali 4, Aliganj", "Lucknow", "UTTAR PRADESH"), (d.AddressLine, d.District, d.State));
        Assert.Equal(("9", "162"), (profile.StateLgd, profile.DistrictLgd));
        Assert.True(d.Flags.IsEmpty);
        Assert.Empty(profile.Notes);
    }

    [Fact]
    public void TheAppQrHasPhrForTheAddressAndOtherKeySpellings()
    {
        var profile = AbhaQrParser.Read(App, Year).Profile!;

        Assert.Equal(("91-2210-4433-8765", "irfan.khan@sbx", AbhaEvidence.AppQr), (profile.AbhaNumber, profile.AbhaAddress, profile.Evidence));
        var d = profile.Demographics;
        Assert.Equal(("9839012345", "Lucknow", "Uttar Pradesh"), (d.Mobile, d.District, d.State));
        Assert.Equal(("9", "162"), (profile.StateLgd, profile.DistrictLgd));
    }

    [Fact]
    public void AnAppQrWithoutALinkedAbhaNumberHasADashAndIsReadByItsAddress()
    {
        var reading = AbhaQrParser.Read("""{"hidn":"-","phr":"ravi.kumar@abdm","name":"Ravi Kumar","gender":"M","dob":"1990","mobile":"9123456780"}""", Year);

        Assert.Equal((null, "ravi.kumar@abdm"), (reading.Profile!.AbhaNumber, reading.Profile.AbhaAddress));
        Assert.Empty(reading.Profile.Notes);
    }

    [Theory]
    [InlineData("1979", 1979, null, null, false)]
    [InlineData("14/8/1979", 1979, 8, 14, false)]
    [InlineData("xx/9/1985", 1985, 9, null, false)]
    [InlineData("XX/XX/1985", 1985, null, null, false)]
    [InlineData("1979-08-14", 1979, 8, 14, false)]
    [InlineData("14-Aug-1979", 1979, 8, 14, false)]
    [InlineData("xx/9/19xx", null, 9, null, true)]
    [InlineData("31/2/1979", 1979, 2, null, true)]
    public void EveryDateOfBirthFormIsReadAndAMaskedYearIsFlagged(string dob, int? year, int? month, int? day, bool flagged)
    {
        var d = AbhaQrParser.Read($$"""{"hidn":"91-5417-6573-4186","name":"Asha","gender":"F","dob":"{{dob}}"}""", Year).Profile!.Demographics;

        Assert.Equal((year, month, day), (d.YearOfBirth, d.MonthOfBirth, d.DayOfBirth));
        Assert.Equal(flagged, !d.Flags.IsEmpty);
    }

    [Theory]
    [InlineData("state name", "district_name")]
    [InlineData("state_name", "dist name")]
    [InlineData("stateName", "districtName")]
    public void BothSpellingsOfStateAndDistrictAreRead(string stateKey, string districtKey)
    {
        var d = AbhaQrParser.Read($$"""{"hid":"a.b@abdm","name":"Asha","{{stateKey}}":"Bihar","{{districtKey}}":"Patna"}""", Year).Profile!.Demographics;

        Assert.Equal(("Bihar", "Patna"), (d.State, d.District));
    }

    [Fact]
    public void MessyValuesAreKeptAndFlaggedNeverRefused()
    {
        var profile = AbhaQrParser.Read("""
            {"hidn":"91-5417-6573","hid":"sunita.devi@abdm","name":"  Sunita Devi ","gender":"T","mobile":"XXXXXX3210","dob":{"y":1979},"address":["x"]}
            """, Year).Profile!;

        Assert.Null(profile.AbhaNumber);
        Assert.Contains("ABHA number '91-5417-6573' is not 14 digits; left out.", profile.Notes);
        var d = profile.Demographics;
        Assert.Equal(("Sunita Devi", Gender.O, "XXXXXX3210", null), (d.Name, d.Gender, d.Mobile, d.YearOfBirth));
        Assert.Equal("Mobile needs checking: received 'XXXXXX3210'", d.Flags.For(DemographicField.Mobile)!.Message);
    }

    [Fact]
    public void AQrNearlyAsLargeAsAQrCodeHoldsIsReadAndOneLargerIsNot()
    {
        var padding = new string('x', AbhaQrParser.MaxBytes - 200);
        var large = $$"""{"hidn":"91-5417-6573-4186","name":"Asha","address":"{{padding}}"}""";
        var tooLarge = $$"""{"hidn":"91-5417-6573-4186","name":"Asha","address":"{{padding}}{{padding}}"}""";

        var read = AbhaQrParser.Read(large, Year);
        var refused = AbhaQrParser.Read(tooLarge, Year);

        Assert.Equal("91-5417-6573-4186", read.Profile!.AbhaNumber);
        Assert.Equal(DemographicRules.AddressLineMaxLength, read.Profile.Demographics.AddressLine!.Length);
        Assert.NotNull(read.Profile.Demographics.Flags.For(DemographicField.AddressLine));
        Assert.Equal("The scan is longer than any QR code can hold (over 3 KB); it was not read.", refused.Problem);
    }

    [Theory]
    [InlineData("", "Nothing was scanned.")]
    [InlineData("   \r\n", "Nothing was scanned.")]
    [InlineData("IN0710000123/2026-11-26/R-017", "This is not an ABHA card or app QR.")]
    [InlineData("8901234567890", "This is not an ABHA card or app QR.")]
    [InlineData("https://phrsbx.abdm.gov.in/share-profile?hip-id=IN0710000123&counter-id=OPD-REG-1", "This is a counter's Scan and Share QR, not a patient's ABHA QR.")]
    [InlineData("{\"hidn\":\"91-5417-6573-4186\",\"name\":\"Sun", "This QR could not be read as an ABHA card or app QR (it may have been scanned only in part).")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "This QR could not be read as an ABHA card or app QR (it may have been scanned only in part).")]
    [InlineData("[1,2,3]", "This is not an ABHA card or app QR.")]
    [InlineData("{\"product\":\"Paracetamol 500\",\"batch\":\"X12\"}", "This is not an ABHA card or app QR.")]
    [InlineData("{\"hidn\":\"-\",\"phr\":\"not an address\",\"name\":\"Asha\"}", "This ABHA QR has no readable ABHA number or ABHA address.")]
    [InlineData("{\"hidn\":\"91-5417-6573-4186\",\"gender\":\"F\"}", "This ABHA QR has no name (or one longer than 200 characters).")]
    public void GarbageAndOtherCodesAreRefusedWithAReasonAndNeverThrow(string scanned, string problem)
    {
        var reading = AbhaQrParser.Read(scanned, Year);

        Assert.Null(reading.Profile);
        Assert.Equal(problem, reading.Problem);
    }

    [Fact]
    public void RandomBytesTypedByAScannerNeverThrow()
    {
        var random = new Random(13);
        for (var i = 0; i < 500; i++)
        {
            var noise = new string([.. Enumerable.Range(0, random.Next(1, 400)).Select(_ => (char)random.Next(1, 0x3000))]);
            var reading = AbhaQrParser.Read(random.Next(2) == 0 ? noise : "{" + noise, Year);
            Assert.True(reading.IsAbha || reading.Problem is not null);
        }
    }
}
