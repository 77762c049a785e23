using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Patients;
using ScanShare.Core.Patients.Matching;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Patients;

/// <summary>New or returning: ABDM's rule for attaching an ABHA to a record, over a real SQLite file.</summary>
public sealed class PatientMatchingTests : IAsyncLifetime
{
    private const string Family = "9450012345";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("Mohd. Irfan", "Mohammad Irfan", true)]
    [InlineData("Md Irfan Khan", "Mohammed Irfan Khan", true)]
    [InlineData("Sunita Devi", "सुनीता देवी", true)]
    [InlineData("Smt. Kamla Devi", "कमला देवी", true)]
    [InlineData("राजेश कुमार", "Rajesh Kumar", true)]
    [InlineData("Zaheer Khan", "ज़हीर ख़ान", true)]
    [InlineData("Lakshmi", "Laxmi", true)]
    [InlineData("Chaudhary Ramesh", "Ramesh Choudhari", true)]
    [InlineData("Siddharth Shrivastava", "Sidharth Srivastav", true)]
    [InlineData("Pooja Yadav", "Puja Yadav", true)]
    [InlineData("Sarla Devi", "Sarala Devi", true)]
    [InlineData("Sunita", "Sunita Devi", true)]
    [InlineData("Ravi S/o Ramesh", "Ravi", true)]
    [InlineData("Sunita Devi", "Anita Devi", false)]
    [InlineData("Rajesh Kumar", "Rakesh Kumar", false)]
    [InlineData("Ramesh Yadav", "Suresh Yadav", false)]
    [InlineData("Mohammad Irfan", "Mohammad Imran", false)]
    [InlineData("Ramesh Yadav", "Yadav", false)]
    [InlineData("Pooja Yadav", "Ramesh Yadav", false)]
    public void NamesAreCloseAcrossSpellingsAndScriptsButNotAcrossPeople(string a, string b, bool close)
    {
        Assert.Equal(close, PhoneticName.AreClose(a, b));
        Assert.Equal(close, PhoneticName.AreClose(b, a));
    }

    [Theory]
    [InlineData("Mohammad Irfan", "M", 1986, "9839012345", PatientMatchKind.SamePerson)]
    [InlineData("Irfan", "M", 1983, "+91 98390 12345", PatientMatchKind.SamePerson)]
    [InlineData("Mohammad Irfan", "M", 1988, "9839012345", PatientMatchKind.Candidates)]
    [InlineData("Mohammad Irfan", "F", 1985, "9839012345", PatientMatchKind.Candidates)]
    [InlineData("Mohammad Irfan", "U", 1985, "9839012345", PatientMatchKind.Candidates)]
    [InlineData("Mohammad Imran", "M", 1985, "9839012345", PatientMatchKind.Candidates)]
    [InlineData("Mohammad Irfan", "M", 1985, "9839099999", PatientMatchKind.Candidates)]
    [InlineData("Asif Ali", "M", 1985, "9839099999", PatientMatchKind.New)]
    public async Task AnAbhaIsAttachedOnlyWhenMobileGenderAgeAndNameAllAgree(string name, string gender, int year, string mobile, PatientMatchKind expected)
    {
        var irfan = await AddAsync("Mohd. Irfan", Gender.M, 1985, "9839012345");

        var match = await MatchAsync(name, gender, year, mobile);

        Assert.Equal(expected, match.Kind);
        Assert.Equal(expected == PatientMatchKind.SamePerson ? irfan : null, match.Patient?.Id);
        if (expected == PatientMatchKind.Candidates)
        {
            Assert.Equal(irfan, Assert.Single(match.Candidates).Patient.Id);
        }
    }

    [Fact]
    public async Task SunitaDeviInDevanagariIsTheSunitaDeviOnRecord()
    {
        var sunita = await AddAsync("Sunita Devi", Gender.F, 1979, "9876543210");

        var match = await MatchAsync("सुनीता देवी", "F", 1980, "9876543210");

        Assert.Equal((PatientMatchKind.SamePerson, sunita), (match.Kind, match.Patient?.Id));
    }

    [Fact]
    public async Task AFamilysSharedPhoneShowsTheFamilyAndAttachesToNobody()
    {
        await AddAsync("Ramesh Yadav", Gender.M, 1976, Family);
        await AddAsync("Sunita Devi", Gender.F, 1979, Family);

        var pooja = await MatchAsync("Pooja Yadav", "F", 2009, Family);

        Assert.Equal(PatientMatchKind.Candidates, pooja.Kind);
        Assert.Equal(["Ramesh Yadav", "Sunita Devi"], pooja.Candidates.Select(c => c.Patient.Name).Order());
        Assert.All(pooja.Candidates, c => Assert.True(c.ByMobile && !c.MeetsRule));
    }

    [Fact]
    public async Task TwoRecordsThatBothMeetTheRuleAreLeftToTheClerk()
    {
        await AddAsync("Sunita Devi", Gender.F, 1979, "9876543210");
        await AddAsync("Sunita", Gender.F, 1980, "9876543210");

        var match = await MatchAsync("Sunita Devi", "F", 1979, "9876543210");

        Assert.Equal(PatientMatchKind.Candidates, match.Kind);
        Assert.Equal(2, match.Candidates.Count(c => c.MeetsRule));
    }

    [Fact]
    public async Task ARecordHoldingAnotherAbhaNeverQualifiesAndTheSameAbhaAlwaysDoes()
    {
        var other = await AddAsync("Sunita Devi", Gender.F, 1979, "9876543210", abhaNumber: "91-1111-2222-3333");

        var withNewAbha = await MatchAsync("Sunita Devi", "F", 1979, "9876543210", abhaNumber: "91-5417-6573-4186");
        var sameAbha = await MatchAsync("S. Devi", "U", null, null, abhaNumber: "91-1111-2222-3333");

        Assert.Equal(PatientMatchKind.Candidates, withNewAbha.Kind);
        Assert.Equal((PatientMatchKind.SameAbha, other), (sameAbha.Kind, sameAbha.Patient?.Id));
    }

    [Fact]
    public async Task AtTheDeskRecordsWithTheSameSoundOfNameAreCandidatesToo()
    {
        var laxmi = await AddAsync("Laxmi Narayan", Gender.F, 1990, "9123456780");

        var match = await MatchAsync("Lakshmi Narayan", "F", 1990, "9000011111");

        var candidate = Assert.Single(match.Candidates);
        Assert.Equal((laxmi, true, false, false), (candidate.Patient.Id, candidate.ByName, candidate.ByMobile, candidate.MeetsRule));
    }

    [Fact]
    public async Task AReturningPatientsFirstShareWithANewAbhaKeepsTheirUhidAndAFamilyMemberIsNew()
    {
        var irfan = await AddAsync("Mohd. Irfan", Gender.M, 1985, "9839012345", uhid: "UH260000007");

        var returning = await ShareAsync("Mohammad Irfan", Gender.M, 1986, "9839012345", "91-2210-4433-8765");
        var brother = await ShareAsync("Mohammad Imran", Gender.M, 1987, "9839012345", "91-2210-4433-9999");

        await using var db = _db.CreateDbContext();
        var patients = await db.Patients.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, patients.Count);
        Assert.Equal((irfan, "UH260000007", "91-2210-4433-8765", "Mohammad Irfan"), (patients[0].Id, patients[0].Uhid, patients[0].AbhaNumber, patients[0].Name));
        Assert.Equal((irfan, patients[1].Id), (returning, brother));
        Assert.Null(patients[1].Uhid);
    }

    [Fact]
    public async Task NameKeysAreStoredWithTheNameAndFilledInForOlderRecordsAtStart()
    {
        var id = await AddAsync("Mohd. Irfan", Gender.M, 1985, null);
        await using (var db = _db.CreateDbContext())
        {
            Assert.Equal("irfan", await db.Patients.Where(p => p.Id == id).Select(p => p.NameKey).SingleAsync());
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Patients" SET "NameKey" = ''""");
        }

        await using (var db = _db.CreateDbContext())
        {
            await ScanShare.Core.Data.ScanShareDatabase.MigrateAsync(db);
            Assert.Equal(1, await db.Patients.CountAsync(p => p.NameKey == "irfan"));
        }
    }

    private async Task<long> AddAsync(string name, Gender gender, int? year, string? mobile, string? abhaNumber = null, string? uhid = null)
    {
        await using var db = _db.CreateDbContext();
        var patient = new Patient
        {
            FacilityId = await db.Facilities.Select(f => f.Id).FirstAsync(),
            Name = name,
            Gender = gender,
            YearOfBirth = year,
            Mobile = mobile,
            AbhaNumber = abhaNumber,
            Uhid = uhid,
            CreatedAt = _db.Clock.GetUtcNow().UtcDateTime,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    private async Task<PatientMatch> MatchAsync(string name, string gender, int? year, string? mobile, string? abhaNumber = null)
    {
        await using var db = _db.CreateDbContext();
        var details = new DemographicsBuilder(2026).Gender(gender).BirthDate(year, null, null).Mobile(mobile).Build(name);
        var facility = await db.Facilities.Select(f => f.Id).FirstAsync();
        return await new PatientMatcher(db).MatchAsync(facility, abhaNumber, null, details, withNameCandidates: true);
    }

    private async Task<long> ShareAsync(string name, Gender gender, int year, string mobile, string abhaNumber)
    {
        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), "IN0710000123", "OPD-REG-1",
            new SharedPatient(abhaNumber, null, new PatientDemographics(name, gender, year, null, null, mobile, null, null, null, null)));
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            await new ShareIntake(db, engine, _db.Clock, new OutboxSignal()).AcceptAsync(share, "{}");
        }

        await using var read = _db.CreateDbContext();
        return await read.Patients.Where(p => p.AbhaNumber == abhaNumber).Select(p => p.Id).SingleAsync();
    }
}
