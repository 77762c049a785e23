using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Facilities;

public sealed record QueueRow(int Id, int FacilityId, string Code, string Name, string Prefix, int ValidityMinutes, bool PriorityLanes, bool IsActive, CatalogOrigin Origin);

public sealed record CounterRow(int Id, int FacilityId, string Code, string Name, int QueueId, string QueueName, bool IsActive, CatalogOrigin Origin);

public sealed record FacilityCatalog(int FacilityId, string HipId, string Name, IReadOnlyList<QueueRow> Queues, IReadOnlyList<CounterRow> Counters);

public sealed record QueueDraft(string Code, string Name, string Prefix, int ValidityMinutes, bool PriorityLanes);

public sealed record CounterDraft(string Code, string Name, int QueueId);

/// <summary>
/// The admin pages' changes to queues and counters. Only what was added here may be changed here: what the facility's
/// appsettings.json defines is applied at every start and would undo any edit.
/// </summary>
public sealed class CatalogEditor(ScanShareDbContext db)
{
    public async Task<IReadOnlyList<FacilityCatalog>> ListAsync(CancellationToken cancellationToken = default)
    {
        var facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var queues = await db.Queues.AsNoTracking().OrderBy(q => q.Id)
            .Select(q => new QueueRow(q.Id, q.FacilityId, q.Code, q.Name, q.Prefix, q.ValidityMinutes, q.PriorityLanesEnabled, q.IsActive, q.Origin))
            .ToListAsync(cancellationToken);
        var counters = await db.Counters.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CounterRow(c.Id, c.FacilityId, c.Code, c.Name, c.QueueId, c.Queue!.Name, c.IsActive, c.Origin))
            .ToListAsync(cancellationToken);
        return facilities
            .Select(f => new FacilityCatalog(f.Id, f.HipId, f.Name, queues.Where(q => q.FacilityId == f.Id).ToList(), counters.Where(c => c.FacilityId == f.Id).ToList()))
            .ToList();
    }

    public async Task<int> AddQueueAsync(int facilityId, QueueDraft draft, CancellationToken cancellationToken = default)
    {
        await CheckQueueAsync(facilityId, draft, exceptId: null, cancellationToken);
        var queue = new ServiceQueue { FacilityId = facilityId, Code = draft.Code.Trim(), Name = "", Prefix = "", Origin = CatalogOrigin.Admin };
        Apply(draft, queue);
        db.Queues.Add(queue);
        await db.SaveChangesAsync(cancellationToken);
        return queue.Id;
    }

    public async Task UpdateQueueAsync(int queueId, QueueDraft draft, CancellationToken cancellationToken = default)
    {
        var queue = Editable(await db.Queues.FindAsync([queueId], cancellationToken), q => q.Origin, "queue");
        await CheckQueueAsync(queue.FacilityId, draft, queueId, cancellationToken);
        Apply(draft, queue);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> AddCounterAsync(int facilityId, CounterDraft draft, CancellationToken cancellationToken = default)
    {
        await CheckCounterAsync(facilityId, draft, exceptId: null, cancellationToken);
        var counter = new Counter { FacilityId = facilityId, Code = draft.Code.Trim(), Name = draft.Name.Trim(), QueueId = draft.QueueId, Origin = CatalogOrigin.Admin };
        db.Counters.Add(counter);
        await db.SaveChangesAsync(cancellationToken);
        return counter.Id;
    }

    public async Task UpdateCounterAsync(int counterId, CounterDraft draft, CancellationToken cancellationToken = default)
    {
        var counter = Editable(await db.Counters.FindAsync([counterId], cancellationToken), c => c.Origin, "counter");
        await CheckCounterAsync(counter.FacilityId, draft, counterId, cancellationToken);
        counter.Code = draft.Code.Trim();
        counter.Name = draft.Name.Trim();
        counter.QueueId = draft.QueueId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Closing keeps the history; a closed counter's QR no longer issues tokens.</summary>
    public async Task SetCounterOpenAsync(int counterId, bool open, CancellationToken cancellationToken = default)
    {
        var counter = Editable(await db.Counters.FindAsync([counterId], cancellationToken), c => c.Origin, "counter");
        counter.IsActive = open;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetQueueOpenAsync(int queueId, bool open, CancellationToken cancellationToken = default)
    {
        var queue = Editable(await db.Queues.FindAsync([queueId], cancellationToken), q => q.Origin, "queue");
        if (!open && await db.Counters.AnyAsync(c => c.QueueId == queueId && c.IsActive, cancellationToken))
        {
            throw Invalid($"Close or move the counters of {queue.Name} first.");
        }

        queue.IsActive = open;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static T Editable<T>(T? entity, Func<T, CatalogOrigin> origin, string what) where T : class =>
        entity is null ? throw Invalid($"That {what} no longer exists.")
        : origin(entity) == CatalogOrigin.Configuration ? throw Invalid($"This {what} is defined in the facility's appsettings.json; change it there.")
        : entity;

    private static void Apply(QueueDraft draft, ServiceQueue queue)
    {
        queue.Code = draft.Code.Trim();
        queue.Name = draft.Name.Trim();
        queue.Prefix = draft.Prefix.Trim().ToUpperInvariant();
        queue.ValidityMinutes = draft.ValidityMinutes;
        queue.PriorityLanesEnabled = draft.PriorityLanes;
    }

    private async Task CheckQueueAsync(int facilityId, QueueDraft draft, int? exceptId, CancellationToken ct)
    {
        if (!FacilitySettingsValidator.IsValidCode(draft.Code.Trim()))
        {
            throw Invalid("The code must be 1 to 32 letters, digits, dashes or underscores.");
        }

        if (!FacilitySettingsValidator.IsValidPrefix(draft.Prefix.Trim()))
        {
            throw Invalid("The prefix must be 1 to 4 letters or digits, e.g. R.");
        }

        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > 100)
        {
            throw Invalid("The name is required (up to 100 characters).");
        }

        if (draft.ValidityMinutes is < 1 or > 24 * 60)
        {
            throw Invalid("Validity must be between 1 and 1440 minutes.");
        }

        var code = draft.Code.Trim().ToUpperInvariant();
        var prefix = draft.Prefix.Trim().ToUpperInvariant();
        var clash = await db.Queues.AsNoTracking()
            .Where(q => q.FacilityId == facilityId && q.Id != exceptId && (q.Code.ToUpper() == code || q.Prefix.ToUpper() == prefix))
            .Select(q => q.Name)
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            throw Invalid($"{clash} already uses that code or prefix.");
        }
    }

    private async Task CheckCounterAsync(int facilityId, CounterDraft draft, int? exceptId, CancellationToken ct)
    {
        if (!FacilitySettingsValidator.IsValidCode(draft.Code.Trim()))
        {
            throw Invalid("The code must be 1 to 32 letters, digits, dashes or underscores.");
        }

        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > 100)
        {
            throw Invalid("The name is required (up to 100 characters).");
        }

        if (!await db.Queues.AnyAsync(q => q.Id == draft.QueueId && q.FacilityId == facilityId && q.IsActive, ct))
        {
            throw Invalid("Choose an open queue of this facility.");
        }

        var code = draft.Code.Trim().ToUpperInvariant();
        if (await db.Counters.AnyAsync(c => c.FacilityId == facilityId && c.Id != exceptId && c.Code.ToUpper() == code, ct))
        {
            throw Invalid($"A counter with the code {draft.Code.Trim()} already exists.");
        }
    }

    private static QueueRuleException Invalid(string message) => new(QueueError.InvalidInput, message);
}
