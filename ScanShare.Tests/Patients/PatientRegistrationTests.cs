using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Patients;

public sealed class PatientRegistrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        var facility = DemoFacility.Create();
        facility.Registration.UhidFormat = "DH/{yyyy}/{seq:5}";
        _db = await TestDatabase.CreateAsync(facility);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Token> ScanAsync(string abhaNumber = "91-4211-8734-5520", string name = "Sunita Devi")
    {
        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), DemoFacility.HipId, "OPD-REG-1",
            new SharedPatient(abhaNumber, $"{name.Split(' ')[0].ToLowerInvariant()}{abhaNumber[^4..]}@abdm", new PatientDemographics(name, Gender.F, 1979, 8, 14, "9876543210", null, "South Delhi", "Delhi", "110003")));
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            await new ShareIntake(db, engine, _db.Clock, new OutboxSignal()).AcceptAsync(share, "{}");
            return await db.Tokens.AsNoTracking().Where(t => t.Patient!.AbhaNumber == abhaNumber).OrderBy(t => t.Id).LastAsync();
        }
    }

    private async Task<T> WithRegistrationAsync<T>(Func<PatientRegistration, Task<T>> action)
    {
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            return await action(new PatientRegistration(db, engine, _db.Clock));
        }
    }

    private Task<RegistrationDraft> DraftAsync(long tokenId) => WithRegistrationAsync(async r => (await r.DraftAsync(tokenId))!);

    private static RegistrationDetails Edited(RegistrationDraft draft, Func<PatientDemographics, PatientDemographics> edit, string department) =>
        new(edit(draft.Details.Demographics), department);

    private Task<string> RegisterAsync(RegistrationDraft draft, RegistrationDetails? details = null) =>
        WithRegistrationAsync(r => r.RegisterAsync(draft.TokenId, details ?? draft.Details with { Department = "Paediatrics" }, draft.PatientVersion, "clerk"));

    [Fact]
    public async Task RegisteringGivesTheFacilitysNextUhidAndKeepsTheDepartmentAndCorrectionsWithTheToken()
    {
        var token = await ScanAsync();
        var draft = await DraftAsync(token.Id);
        Assert.Null(draft.Uhid);
        Assert.Equal(token.Label, draft.TokenLabel);
        Assert.Equal("Sunita Devi", draft.Details.Demographics.Name);
        Assert.Contains("Paediatrics", draft.Departments);

        var uhid = await RegisterAsync(draft, Edited(draft, d => d with { Name = "Sunita Devi Sharma", Mobile = "9123456780" }, "Paediatrics"));

        Assert.Equal("DH/2026/00001", uhid);
        await using var db = _db.CreateDbContext();
        var saved = await db.Tokens.AsNoTracking().Include(t => t.Patient).SingleAsync(t => t.Id == token.Id);
        Assert.Equal(("Paediatrics", "clerk", TokenState.Waiting), (saved.Department, saved.RegisteredBy, saved.State));
        Assert.Equal(("Sunita Devi Sharma", "9123456780", "DH/2026/00001"), (saved.Patient!.Name, saved.Patient.Mobile, saved.Patient.Uhid));
        Assert.Contains(_db.Published, e => e.Kind == QueueEventKind.Registered && e.TokenId == token.Id);
    }

    [Fact]
    public async Task AReturningAbhaPatientKeepsTheirUhidOnANewVisitAndANewPatientGetsTheNextOne()
    {
        var first = await ScanAsync();
        var uhid = await RegisterAsync(await DraftAsync(first.Id));
        await _db.RunAsync(e => e.CancelAsync(first.Id));
        _db.Clock.Advance(TimeSpan.FromDays(3));

        var again = await ScanAsync();
        var againDraft = await DraftAsync(again.Id);
        var other = await ScanAsync("91-1111-2222-3333", "Ramesh Yadav");

        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(uhid, againDraft.Uhid);
        Assert.Equal(uhid, await RegisterAsync(againDraft));
        Assert.Equal("DH/2026/00002", await RegisterAsync(await DraftAsync(other.Id)));
    }

    [Fact]
    public async Task SavingOverSomeoneElsesNewerChangeIsRefusedAndChangesNothing()
    {
        var token = await ScanAsync();
        var stale = await DraftAsync(token.Id);
        await RegisterAsync(stale, Edited(stale, d => d with { Name = "Sunita D. (desk 2)" }, "ENT"));

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => RegisterAsync(stale, Edited(stale, d => d with { Name = "Sunita (desk 1)" }, "Dental")));

        Assert.Equal(QueueError.Conflict, refused.Error);
        var current = await DraftAsync(token.Id);
        Assert.Equal(("Sunita D. (desk 2)", "ENT"), (current.Details.Demographics.Name, current.Details.Department));
    }

    [Theory]
    [InlineData("Cardiology", null, null, "")]
    [InlineData("Paediatrics", 1850, null, "")]
    [InlineData("Paediatrics", null, 13, "")]
    [InlineData("Paediatrics", null, null, " ")]
    public async Task AnUnknownDepartmentAMissingNameOrAnImpossibleBirthDateIsRefusedAndNothingIsWritten(string department, int? year, int? month, string name)
    {
        var token = await ScanAsync();
        var draft = await DraftAsync(token.Id);
        var edited = Edited(draft, d => d with
        {
            YearOfBirth = year ?? d.YearOfBirth,
            MonthOfBirth = month ?? d.MonthOfBirth,
            Name = name.Length > 0 ? name : d.Name,
        }, department);

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => RegisterAsync(draft, edited));

        Assert.Equal(QueueError.InvalidInput, refused.Error);
        var after = await DraftAsync(token.Id);
        Assert.Equal((false, null, draft.PatientVersion), (after.IsRegistered, after.Uhid, after.PatientVersion));
    }

    /// <summary>A v3 share of Sunita Devi as the gateway sent it, with the patient's fields changed as given.</summary>
    private async Task<Token> ScanJsonAsync(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
        change(json["profile"]!["patient"]!.AsObject());
        var share = ShareParser.ParseV3(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), Guid.NewGuid().ToString(), null, 2026).Share!;
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            await new ShareIntake(db, engine, _db.Clock, new OutboxSignal()).AcceptAsync(share, "{}");
            return await db.Tokens.AsNoTracking().OrderBy(t => t.Id).LastAsync();
        }
    }

    [Fact]
    public async Task AMessyShareIsRegisteredAsItCameWithItsFlagsShownAndSavingClearsThem()
    {
        var token = await ScanJsonAsync(p =>
        {
            p["phoneNumber"] = "0522-2612345";
            p.Remove("gender");
            p["yearOfBirth"] = 2090;
            p["address"]!["pincode"] = "226 010";
        });
        var draft = await DraftAsync(token.Id);
        var details = draft.Details with { Department = "ENT" };

        Assert.Empty(RegistrationRules.Check(details, 2026));
        Assert.Equal(
            new Dictionary<DemographicField, string>
            {
                [DemographicField.Gender] = "Gender was not shared",
                [DemographicField.YearOfBirth] = "Year of birth needs checking: received '2090'",
                [DemographicField.Mobile] = "Mobile needs checking: received '0522-2612345'",
            },
            RegistrationRules.Warnings(details.Demographics, draft.Details.Demographics, 2026));
        Assert.Equal(("0522-2612345", Gender.U, (int?)null, "226010"),
            (draft.Details.Demographics.Mobile, draft.Details.Demographics.Gender, draft.Details.Demographics.YearOfBirth, draft.Details.Demographics.Pincode));

        await RegisterAsync(draft, details);

        var saved = (await DraftAsync(token.Id)).Details.Demographics;
        Assert.Equal(("0522-2612345", Gender.U), (saved.Mobile, saved.Gender));
        Assert.True(saved.Flags.IsEmpty);
    }

    [Fact]
    public async Task AFieldTheClerkChangesIsCheckedAgainByTheSameRuleAndNeverStopsTheSave()
    {
        var token = await ScanJsonAsync(p => p["phoneNumber"] = "0522-2612345");
        var draft = await DraftAsync(token.Id);

        var corrected = draft.Details.Demographics with { Mobile = "+91 91234 56780" };
        var stillALandline = draft.Details.Demographics with { Mobile = "05222612345" };

        Assert.Empty(RegistrationRules.Warnings(corrected, draft.Details.Demographics, 2026));
        Assert.Equal("Mobile needs checking: an Indian mobile is 10 digits starting 6–9; saved as entered",
            RegistrationRules.Warnings(stillALandline, draft.Details.Demographics, 2026)[DemographicField.Mobile]);
        await RegisterAsync(draft, new RegistrationDetails(corrected, "ENT"));
        Assert.Equal("9123456780", (await DraftAsync(token.Id)).Details.Demographics.Mobile);
    }

    [Fact]
    public async Task TheLatestShareSetsTheFlagsAndOneWithoutAMobileKeepsTheMobileWeHaveWithItsFlag()
    {
        await ScanJsonAsync(p => p["phoneNumber"] = "0522-2612345");
        var again = await ScanJsonAsync(p =>
        {
            p.Remove("phoneNumber");
            p["gender"] = "f";
        });
        var draft = await DraftAsync(again.Id);

        Assert.Equal(("0522-2612345", Gender.F), (draft.Details.Demographics.Mobile, draft.Details.Demographics.Gender));
        Assert.Equal(["Mobile needs checking: received '0522-2612345'"], draft.Details.Demographics.Flags.All.Select(f => f.Message));

        var third = await ScanJsonAsync(p => p["phoneNumber"] = "09876543210");

        var latest = (await DraftAsync(third.Id)).Details.Demographics;
        Assert.Equal("9876543210", latest.Mobile);
        Assert.True(latest.Flags.IsEmpty);
    }

    [Fact]
    public async Task AWalkInGoesThroughTheSameRules()
    {
        var counter = await _db.CounterIdAsync("OPD-REG-1");
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            var registration = new WalkInRegistration(db, engine, _db.Clock);
            var token = await registration.RegisterAsync(counter, new WalkIn(" Kamla Bai ", Gender.F, 1958, "+91 98765-43210", PriorityLane.None));
            var landline = await registration.RegisterAsync(counter, new WalkIn("Ramesh", Gender.M, null, "0522-2612345", PriorityLane.None));
            var refused = await Assert.ThrowsAsync<QueueRuleException>(() => registration.RegisterAsync(counter, new WalkIn(" ", Gender.F, 1880, null, PriorityLane.None)));

            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == token.PatientId);
            Assert.Equal(("Kamla Bai", "9876543210"), (patient.Name, patient.Mobile));
            var kept = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == landline.PatientId);
            Assert.Equal("0522-2612345", kept.Mobile);
            Assert.True(kept.DemographicFlags.IsEmpty);
            Assert.Equal(QueueError.InvalidInput, refused.Error);
        }
    }

    [Fact]
    public async Task ClerksRegisteringManyPatientsAtOnceGetDistinctUhids()
    {
        var tokens = new List<Token>();
        for (var i = 0; i < 24; i++)
        {
            tokens.Add(await ScanAsync($"91-0000-0000-{i:0000}", $"Patient Number{i}"));
        }

        var drafts = await Task.WhenAll(tokens.Select(t => DraftAsync(t.Id)));
        var uhids = await Task.WhenAll(drafts.Select(d => Task.Run(() => RegisterAsync(d))));

        Assert.Equal(24, uhids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"DH/2026/{n:00000}").Order(), uhids.Order());
    }

    [Theory]
    [InlineData("UH{yy}{seq:7}", 42, "UH260000042")]
    [InlineData("{seq}", 7, "7")]
    [InlineData("AIIMS-{yyyy}-{seq:4}", 12345, "AIIMS-2026-12345")]
    public void TheFormatWritesTheYearAndThePaddedNumber(string pattern, long sequence, string expected)
    {
        Assert.Null(UhidFormat.Problem(pattern));
        Assert.Equal(expected, UhidFormat.Format(pattern, sequence, new DateOnly(2026, 11, 25)));
    }

    [Theory]
    [InlineData("UH{yy}")]
    [InlineData("{seq}{seq}")]
    [InlineData("UH {seq}")]
    [InlineData("{seq:20}")]
    [InlineData("")]
    public void AFormatThatCannotMakeUniqueIdsIsRefused(string pattern) => Assert.NotNull(UhidFormat.Problem(pattern));
}
