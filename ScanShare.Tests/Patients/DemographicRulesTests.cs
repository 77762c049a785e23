using ScanShare.Core.Patients;

namespace ScanShare.Tests.Patients;

public sealed class DemographicRulesTests
{
    private const int Year = 2026;

    [Theory]
    [InlineData("9876543210", "9876543210")]
    [InlineData("09876543210", "9876543210")]
    [InlineData("+919876543210", "9876543210")]
    [InlineData("+91 98765 43210", "9876543210")]
    [InlineData("+91-98765-43210", "9876543210")]
    [InlineData("919876543210", "9876543210")]
    [InlineData(" 98765-43210 ", "9876543210")]
    [InlineData("098765 43210", "9876543210")]
    [InlineData("6000000000", "6000000000")]
    public void AMobileIsNormalizedToTenDigitsWhenItsMeaningIsPlain(string received, string mobile) =>
        Assert.Equal(new Checked<string?>(mobile, false), DemographicRules.Mobile(received));

    [Theory]
    [InlineData("0522-2612345", "0522-2612345")]
    [InlineData("05222612345", "05222612345")]
    [InlineData("12345", "12345")]
    [InlineData("5876543210", "5876543210")]
    [InlineData("98765432101", "98765432101")]
    [InlineData(" (0522) 261 2345 ", "(0522) 261 2345")]
    [InlineData("९८७६५४३२१०", "९८७६५४३२१०")]
    [InlineData("+91 98765 43210 / 0522-2612345", "+91 98765 43210 / 05")]
    public void ALandlineOrAnythingElseIsKeptAsReceivedAndNeedsChecking(string received, string kept) =>
        Assert.Equal(new Checked<string?>(kept, true), DemographicRules.Mobile(received));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoMobileIsNothingToCheck(string? received) =>
        Assert.Equal(new Checked<string?>(null, false), DemographicRules.Mobile(received));

    [Theory]
    [InlineData("226010", "226010", false)]
    [InlineData("226 010", "226010", false)]
    [InlineData("226-010", "226010", false)]
    [InlineData(" 226010 ", "226010", false)]
    [InlineData("1100", "1100", true)]
    [InlineData("026010", "026010", true)]
    [InlineData("2260100", "2260100", true)]
    [InlineData("PIN 226010", "PIN 226010", true)]
    public void APinCodeIsSixDigitsOnceSpacesAndDashesAreTakenOff(string received, string kept, bool needsChecking) =>
        Assert.Equal(new Checked<string?>(kept, needsChecking), DemographicRules.Pincode(received));

    [Theory]
    [InlineData("M", Gender.M, false)]
    [InlineData("m", Gender.M, false)]
    [InlineData(" male ", Gender.M, false)]
    [InlineData("f", Gender.F, false)]
    [InlineData("FEMALE", Gender.F, false)]
    [InlineData("o", Gender.O, false)]
    [InlineData("Other", Gender.O, false)]
    [InlineData("u", Gender.U, false)]
    [InlineData(null, Gender.U, true)]
    [InlineData("", Gender.U, true)]
    [InlineData("X", Gender.U, true)]
    [InlineData("1", Gender.U, true)]
    public void GenderIsReadInAnyCaseAndAnythingElseIsUnknownAndNeedsChecking(string? received, Gender gender, bool needsChecking) =>
        Assert.Equal(new Checked<Gender>(gender, needsChecking), DemographicRules.Gender(received));

    [Theory]
    [InlineData(1979, 8, 14, "1979 8 14", "")]
    [InlineData(0, 0, 0, "- - -", "")]
    [InlineData(1906, 2, 29, "1906 2 -", "day")]
    [InlineData(2000, 2, 29, "2000 2 29", "")]
    [InlineData(null, 2, 29, "- 2 29", "")]
    [InlineData(1905, 4, 30, "- 4 30", "year")]
    [InlineData(2027, 1, 1, "- 1 1", "year")]
    [InlineData(1979, 13, 31, "1979 - 31", "month")]
    [InlineData(1979, 4, 31, "1979 4 -", "day")]
    [InlineData(1979, null, 32, "1979 - -", "day")]
    [InlineData(-5, -1, -1, "- - -", "year month day")]
    public void EachImplausiblePartOfABirthDateIsDroppedAndNeedsChecking(int? year, int? month, int? day, string kept, string needsChecking)
    {
        var (y, m, d) = DemographicRules.BirthDate(year, month, day, Year);

        Assert.Equal(kept, $"{y.Value?.ToString() ?? "-"} {m.Value?.ToString() ?? "-"} {d.Value?.ToString() ?? "-"}");
        Assert.Equal(needsChecking, string.Join(' ', new[] { ("year", y), ("month", m), ("day", d) }.Where(p => p.Item2.NeedsChecking).Select(p => p.Item1)));
    }

    [Theory]
    [InlineData(null, "is required.")]
    [InlineData("  ", "is required.")]
    [InlineData("Sunita Devi", null)]
    public void OnlyTheNameCanBeAProblem(string? name, string? problem) => Assert.Equal(problem, DemographicRules.NameProblem(name));

    [Fact]
    public void NormalizingTakesEachRuleOnceAndAgainChangesNothing()
    {
        var entered = new PatientDemographics(" Sunita Devi ", Gender.F, 2090, 4, 30, "0522-2612345", new string('x', 310), " Lucknow ", "UP", "226 010");

        var normalized = entered.Normalize(Year);

        Assert.Equal(new PatientDemographics("Sunita Devi", Gender.F, null, 4, 30, "0522-2612345", new string('x', 300), "Lucknow", "UP", "226010"),
            normalized with { Flags = DemographicFlags.None });
        Assert.Equal(
            ["Year of birth needs checking: received '2090'", "Mobile needs checking: received '0522-2612345'", $"Address needs checking: received '{new string('x', 60)}…'"],
            normalized.Flags.All.Select(f => f.Message));
        Assert.Equal(normalized, normalized.Normalize(Year));
    }

    [Fact]
    public void FlagsAreStoredAsTextAndReadBackEqual()
    {
        var flags = DemographicFlags.None
            .With(new DemographicFlag(DemographicField.Pincode, "पिन 226"))
            .With(new DemographicFlag(DemographicField.Gender, null));

        var stored = flags.ToStorage();

        Assert.Equal("""[{"field":"Gender","received":null},{"field":"Pincode","received":"पिन 226"}]""", stored);
        Assert.Equal(flags, DemographicFlags.FromStorage(stored));
        Assert.Equal("", DemographicFlags.None.ToStorage());
        Assert.Same(DemographicFlags.None, DemographicFlags.FromStorage(""));
    }
}
