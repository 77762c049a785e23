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

    private Task<string> RegisterAsync(RegistrationDraft draft, RegistrationDetails? details = null) =>
        WithRegistrationAsync(r => r.RegisterAsync(draft.TokenId, details ?? draft.Details with { Department = "Paediatrics" }, draft.PatientVersion, "clerk"));

    [Fact]
    public async Task RegisteringGivesTheFacilitysNextUhidAndKeepsTheDepartmentAndCorrectionsWithTheToken()
    {
        var token = await ScanAsync();
        var draft = await DraftAsync(token.Id);
        Assert.Null(draft.Uhid);
        Assert.Equal("Sunita Devi", draft.Details.Name);
        Assert.Contains("Paediatrics", draft.Departments);

        var uhid = await RegisterAsync(draft, draft.Details with { Name = "Sunita Devi Sharma", Mobile = "9123456780", Department = "Paediatrics" });

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
        await RegisterAsync(stale, stale.Details with { Name = "Sunita D. (desk 2)", Department = "ENT" });

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => RegisterAsync(stale, stale.Details with { Name = "Sunita (desk 1)", Department = "Dental" }));

        Assert.Equal(QueueError.Conflict, refused.Error);
        var current = await DraftAsync(token.Id);
        Assert.Equal(("Sunita D. (desk 2)", "ENT"), (current.Details.Name, current.Details.Department));
    }

    [Theory]
    [InlineData("Cardiology", null, null)]
    [InlineData("Paediatrics", "12345", null)]
    [InlineData("Paediatrics", null, "1000")]
    public async Task AnUnknownDepartmentOrABadFieldIsRefusedAndNothingIsWritten(string department, string? mobile, string? pincode)
    {
        var token = await ScanAsync();
        var draft = await DraftAsync(token.Id);

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() =>
            RegisterAsync(draft, draft.Details with { Department = department, Mobile = mobile ?? draft.Details.Mobile, Pincode = pincode ?? draft.Details.Pincode }));

        Assert.Equal(QueueError.InvalidInput, refused.Error);
        var after = await DraftAsync(token.Id);
        Assert.Equal((false, null, draft.PatientVersion), (after.IsRegistered, after.Uhid, after.PatientVersion));
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
