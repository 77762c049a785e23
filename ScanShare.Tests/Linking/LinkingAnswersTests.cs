using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Linking;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Linking;

/// <summary>The gateway's answers taken in as a group: each as it would be alone, repeats and strangers changing nothing.</summary>
public sealed class LinkingAnswersTests
{
    [Fact]
    public async Task AGroupOfAnswersIsTakenInAsEachWouldBeAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        var patientId = await database.AddPatientAsync("Sunita Devi");
        var requestId = Guid.NewGuid();
        await using (var db = database.CreateDbContext())
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == patientId);
            (patient.AbhaAddress, patient.YearOfBirth) = ("sunita.devi@abdm", 1987);
            db.LinkTokens.Add(new LinkToken
            {
                FacilityId = patient.FacilityId, PatientId = patientId, AbhaAddress = "sunita.devi@abdm", RequestId = requestId,
                State = LinkTokenState.Requested, RequestedAt = database.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        var issued = new LinkingAnswer(LinkingAnswerKind.LinkToken, requestId, null, "opaque-token");
        var refused = issued with { LinkToken = null, Error = new GatewayAnswerError("ABDM-1051", "Invalid ABHA") };
        var stranger = new LinkingAnswer(LinkingAnswerKind.CareContext, Guid.NewGuid(), null);
        var outcomes = await ApplyAllAsync(database, issued, refused, stranger, issued);

        Assert.Equal([LinkCallbackOutcome.Applied, LinkCallbackOutcome.Duplicate, LinkCallbackOutcome.Unknown, LinkCallbackOutcome.Duplicate], outcomes);
        await using var check = database.CreateDbContext();
        var token = await check.LinkTokens.SingleAsync();
        Assert.Equal((LinkTokenState.Issued, "opaque-token", (string?)null), (token.State, token.Token, token.ErrorCode));
    }

    private static async Task<IReadOnlyList<LinkCallbackOutcome>> ApplyAllAsync(TestDatabase database, params LinkingAnswer[] answers)
    {
        var (engine, db) = database.CreateEngine();
        await using (db)
        {
            var options = Options.Create(new LinkingOptions());
            var signal = new OutboxSignal();
            var linkTokens = new AbhaLinkTokens(db, options, database.Clock);
            var visits = new VisitLinking(db, linkTokens, new AbhaSmsLinks(db, database.Clock), signal, options, database.Clock);
            return await new LinkingCallbacks(db, engine, linkTokens, visits, signal, new VisitLinkChanges(), database.Clock).ApplyAllAsync(answers);
        }
    }
}
