using ScanShare.Core.Data;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Queueing;

public sealed record WalkIn(string Name, Gender Gender, int? YearOfBirth, string? Mobile, PriorityLane Priority);

/// <summary>A patient without ABHA gets a token from the same engine, in the same transaction as their record; seniors by age join the seniors' lane as scans do.</summary>
public sealed class WalkInRegistration(ScanShareDbContext db, QueueEngine engine, TimeProvider clock)
{
    public Task<Token> RegisterAsync(int counterId, WalkIn walkIn, CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async ct =>
        {
            var counter = await db.Counters.FindAsync([counterId], ct)
                ?? throw new QueueRuleException(QueueError.UnknownCounter, $"There is no counter with id {counterId}.");
            var now = clock.GetUtcNow();
            var entered = new PatientDemographics(walkIn.Name, walkIn.Gender, walkIn.YearOfBirth, null, null, walkIn.Mobile, null, null, null, null);
            if (RegistrationRules.Check(entered, now.Year).Values.FirstOrDefault() is { } problem)
            {
                throw new QueueRuleException(QueueError.InvalidInput, problem);
            }

            var patient = new Patient { FacilityId = counter.FacilityId, Name = entered.Name, CreatedAt = now.UtcDateTime, UpdatedAt = now.UtcDateTime };

            // Entered by the clerk, who saw each warning as they typed: nothing is left flagged.
            patient.Apply(entered.Normalize(now.Year) with { Flags = DemographicFlags.None });
            db.Patients.Add(patient);
            await db.SaveChangesAsync(ct);
            var queue = await db.Queues.FindAsync([counter.QueueId], ct);
            var priority = walkIn.Priority != PriorityLane.None || queue is null
                ? walkIn.Priority
                : QueueEngine.PriorityByAge(queue, walkIn.YearOfBirth, now.Year);
            var issued = await engine.IssueAsync(new IssueTokenRequest(counter.QueueId, TokenSource.WalkIn, patient.Id, counter.Id, priority), ct);
            return issued.Token;
        }, cancellationToken);
}
