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
            var now = clock.GetUtcNow().UtcDateTime;
            var patient = new Patient
            {
                FacilityId = counter.FacilityId,
                Name = walkIn.Name.Trim(),
                Gender = walkIn.Gender,
                YearOfBirth = walkIn.YearOfBirth,
                Mobile = string.IsNullOrWhiteSpace(walkIn.Mobile) ? null : walkIn.Mobile.Trim(),
                CreatedAt = now,
                UpdatedAt = now,
            };
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
