using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abha;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Patients.Matching;
using ScanShare.Core.Queueing;
using ScanShare.Core.Reporting;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Abha;

/// <summary>Tokens for patients identified at the desk by ABHA QR or OTP: through the counter's authority, from the same engine.</summary>
public sealed class AbhaDeskIssueTests : IAsyncLifetime
{
    private const string CardQr = """
        {"hidn":"91-5417-6573-4186","hid":"sunita.devi@sbx","name":"Sunita Devi","gender":"F","dob":"14/8/1979","mobile":"9450012345",
         "address":"H.No. 12, Gali 4, Aliganj","district_name":"Lucknow","state name":"Uttar Pradesh"}
        """;

    private TestDatabase _db = null!;
    private string _clerk = "";
    private int _counter;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _clerk = await TestStaff.AddAsync(_db, "asha", StaffRoles.Clerk, [DemoFacility.HipId]);
        _counter = await _db.CounterIdAsync("OPD-REG-1");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AScannedCardGetsATokenInTheCountersQueueRecordedAsAbhaQrWithTheClerkAsAuthor()
    {
        var profile = AbhaQrParser.Read(CardQr, 2026).Profile!;

        var match = await Work(w => w.MatchAbhaPatientAsync(_clerk, _counter, profile));
        var issued = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, profile, null));

        Assert.Equal(PatientMatchKind.New, match.Kind);
        Assert.Equal(("R-001", TokenSource.AbhaQr, false, true), (issued.Token.Label, issued.Token.Source, issued.Reused, issued.NewPatient));
        await using var db = _db.CreateDbContext();
        var patient = await db.Patients.SingleAsync();
        Assert.Equal(("91-5417-6573-4186", "sunita.devi@sbx", "Sunita Devi", "9450012345"), (patient.AbhaNumber, patient.AbhaAddress, patient.Name, patient.Mobile));
        var action = await db.TokenActions.SingleAsync();
        Assert.Equal((QueueEventKind.Issued, _clerk, _counter), (action.Kind, action.StaffUserId, action.CounterId!.Value));
    }

    [Fact]
    public async Task TheSameCardScannedAgainWithinValidityGetsTheSameTokenAndTheSameRecord()
    {
        var profile = AbhaQrParser.Read(CardQr, 2026).Profile!;
        var first = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, profile, null));

        var match = await Work(w => w.MatchAbhaPatientAsync(_clerk, _counter, profile));
        var again = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, profile, null));

        Assert.Equal((PatientMatchKind.SameAbha, first.PatientId), (match.Kind, match.PatientId));
        Assert.Equal((first.Token.Id, true, false), (again.Token.Id, again.Reused, again.NewPatient));
    }

    [Fact]
    public async Task AnOtpVerifiedReturningPatientIsAttachedToTheirRecordAndKeepsTheirUhid()
    {
        var walkIn = await AddPatientAsync("Smt. Sunita Devi", Gender.F, 1980, "9450012345", "UH260000031");
        var verified = AbhaQrParser.Read(CardQr, 2026).Profile! with { Evidence = AbhaEvidence.OtpVerified };

        var match = await Work(w => w.MatchAbhaPatientAsync(_clerk, _counter, verified));
        var issued = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, verified, match.PatientId));

        Assert.Equal((PatientMatchKind.SamePerson, walkIn), (match.Kind, match.PatientId));
        Assert.Equal((walkIn, "UH260000031", false, TokenSource.OtpVerified), (issued.PatientId, issued.Uhid, issued.NewPatient, issued.Token.Source));
        await using var db = _db.CreateDbContext();
        Assert.Equal("91-5417-6573-4186", (await db.Patients.SingleAsync()).AbhaNumber);
    }

    [Fact]
    public async Task TheFamilyOnTheSamePhoneIsShownWithWhatDiffersAndTheClerksNewRecordStandsApart()
    {
        var ramesh = await AddPatientAsync("Ramesh Yadav", Gender.M, 1976, "9450012345", "UH260000032");
        var profile = AbhaQrParser.Read(CardQr, 2026).Profile!;

        var match = await Work(w => w.MatchAbhaPatientAsync(_clerk, _counter, profile));
        var issued = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, profile, null));

        var candidate = Assert.Single(match.Candidates);
        Assert.Equal((PatientMatchKind.Candidates, ramesh, true), (match.Kind, candidate.PatientId, candidate.ByMobile));
        Assert.Equal(["gender differs or is not known", "born 3 years apart", "name sounds different"], candidate.Differences);
        Assert.NotEqual(ramesh, issued.PatientId);
        Assert.True(issued.NewPatient);
    }

    [Fact]
    public async Task ARecordHoldingAnotherAbhaCannotBeChosenAndNothingIsIssued()
    {
        var other = await AddPatientAsync("Sunita Devi", Gender.F, 1979, "9450012345", null, abhaNumber: "91-1111-2222-3333");
        var profile = AbhaQrParser.Read(CardQr, 2026).Profile!;

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, profile, other)));

        Assert.Contains("holds another ABHA number (XX-XXXX-XXXX-3333)", refused.Message);
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Tokens.CountAsync());
    }

    [Fact]
    public async Task StaffOfAnotherFacilityOrASupervisorCannotSeeCandidatesOrIssue()
    {
        var supervisor = await TestStaff.AddAsync(_db, "meena", StaffRoles.Supervisor, [DemoFacility.HipId]);
        var profile = AbhaQrParser.Read(CardQr, 2026).Profile!;

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => Work(w => w.MatchAbhaPatientAsync(supervisor, _counter, profile)));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => Work(w => w.IssueForAbhaPatientAsync(supervisor, _counter, profile, null)));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => Work(w => w.IssueForAbhaPatientAsync("no-such-account", _counter, profile, null)));

        await using var db = _db.CreateDbContext();
        Assert.Equal((0, 0), (await db.Tokens.CountAsync(), await db.Patients.CountAsync()));
    }

    [Fact]
    public async Task TheSupervisorsFiguresCountEachSourceAndTheSlipShowsTheAbhaAddress()
    {
        var card = AbhaQrParser.Read(CardQr, 2026).Profile!;
        var verified = card with { AbhaNumber = "91-2210-4433-8765", AbhaAddress = "irfan.khan@sbx", Evidence = AbhaEvidence.OtpVerified,
            Demographics = card.Demographics with { Name = "Mohammad Irfan Khan", Gender = Gender.M, Mobile = "9839012345" } };
        var byQr = await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, card, null));
        await Work(w => w.IssueForAbhaPatientAsync(_clerk, _counter, verified, null));
        await Work(w => w.IssueWalkInAsync(_clerk, _counter, new WalkIn("Walk In", Gender.M, null, null, PriorityLane.None)));

        await using var db = _db.CreateDbContext();
        var facility = await db.Facilities.Select(f => f.Id).SingleAsync();
        var reports = new DailyReports(db, _db.Clock);
        var today = await reports.TodayAsync(facility);
        var totals = (await reports.ReportAsync(facility, today, today)).Totals;
        var clerk = await new ScanShare.Core.Staff.StaffScopes(db, _db.Clock).ForUserAsync(_clerk);
        var slip = (await new TokenSlips(db, new WaitEstimates(db, _db.Clock)).FindAsync(byQr.Token.Id, clerk))!;

        Assert.Equal((3, 1, 1, 1, 0), (totals.Issued, totals.FromAbhaQr, totals.FromOtpVerified, totals.FromWalkIn, totals.FromScan));
        Assert.Equal(totals.Issued, totals.FromScan + totals.FromAbhaQr + totals.FromOtpVerified + totals.FromWalkIn + totals.FromTransfer);
        Assert.Equal(("sunita.devi@sbx", "ABHA QR at the desk"), (slip.AbhaAddress, slip.Source.Describe()));
    }

    private Task<T> Work<T>(Func<CounterWork, Task<T>> action) => TestStaff.WorkAsync(_db, action);

    private async Task<long> AddPatientAsync(string name, Gender gender, int year, string mobile, string? uhid, string? abhaNumber = null)
    {
        await using var db = _db.CreateDbContext();
        var patient = new Patient
        {
            FacilityId = await db.Facilities.Select(f => f.Id).SingleAsync(),
            Name = name,
            Gender = gender,
            YearOfBirth = year,
            Mobile = mobile,
            Uhid = uhid,
            AbhaNumber = abhaNumber,
            CreatedAt = _db.Clock.GetUtcNow().UtcDateTime,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }
}
