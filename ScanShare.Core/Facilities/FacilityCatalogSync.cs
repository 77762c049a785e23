using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Facilities;

/// <summary>
/// Brings the database in line with the configured facilities: adds and updates facilities, queues and counters by
/// their codes. Nothing is deleted, since tokens refer to them; queues and counters no longer configured are closed.
/// Queues and counters added on the admin pages are left alone unless the configuration takes over their code.
/// </summary>
public sealed class FacilityCatalogSync(ScanShareDbContext db, TimeProvider clock)
{
    public async Task ApplyAsync(IEnumerable<FacilitySettings> facilities, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var settings in facilities)
        {
            await ApplyFacilityAsync(settings, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyFacilityAsync(FacilitySettings settings, CancellationToken ct)
    {
        var facility = await db.Facilities.SingleOrDefaultAsync(f => f.HipId == settings.HipId, ct);
        if (facility is null)
        {
            facility = new Facility
            {
                HipId = settings.HipId,
                Name = settings.Name,
                TimeZoneId = settings.TimeZone,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Facilities.Add(facility);
        }

        facility.Name = settings.Name;
        facility.TimeZoneId = settings.TimeZone;
        facility.UhidFormat = settings.Registration.UhidFormat;
        facility.AbhaSmsLink = settings.AbhaSmsLink;
        facility.Departments = settings.Registration.Departments.Count > 0
            ? [.. settings.Registration.Departments]
            : [.. RegistrationSettings.DefaultDepartments];
        await db.SaveChangesAsync(ct);

        var queues = await db.Queues.Where(q => q.FacilityId == facility.Id).ToListAsync(ct);
        foreach (var queue in queues.Where(q => q.Origin == CatalogOrigin.Configuration))
        {
            queue.IsActive = false;
        }

        foreach (var queueSettings in settings.Queues)
        {
            var queue = queues.FirstOrDefault(q => string.Equals(q.Code, queueSettings.Code, StringComparison.OrdinalIgnoreCase));
            if (queue is null)
            {
                queue = new ServiceQueue { FacilityId = facility.Id, Code = queueSettings.Code, Name = "", Prefix = "" };
                db.Queues.Add(queue);
                queues.Add(queue);
            }

            queue.Name = queueSettings.Name;
            queue.Prefix = queueSettings.Prefix;
            queue.ValidityMinutes = queueSettings.ValidityMinutes;
            queue.PriorityLanesEnabled = queueSettings.PriorityLanes;
            queue.SkipPolicy = queueSettings.SkipPolicy;
            queue.MaxRequeues = queueSettings.MaxRequeues;
            queue.SeniorAge = queueSettings.SeniorAge;
            queue.IsActive = true;
            queue.Origin = CatalogOrigin.Configuration;
        }

        await db.SaveChangesAsync(ct);

        var counters = await db.Counters.Where(c => c.FacilityId == facility.Id).ToListAsync(ct);
        foreach (var counter in counters.Where(c => c.Origin == CatalogOrigin.Configuration))
        {
            counter.IsActive = false;
        }

        foreach (var counterSettings in settings.Counters)
        {
            var queue = queues.Single(q => string.Equals(q.Code, counterSettings.Queue, StringComparison.OrdinalIgnoreCase));
            var counter = counters.FirstOrDefault(c => string.Equals(c.Code, counterSettings.Code, StringComparison.OrdinalIgnoreCase));
            if (counter is null)
            {
                counter = new Counter { FacilityId = facility.Id, Code = counterSettings.Code, Name = "" };
                db.Counters.Add(counter);
            }

            counter.Name = counterSettings.Name;
            counter.QueueId = queue.Id;
            counter.SpokenNames = new Dictionary<string, string>(counterSettings.SpokenNames);
            counter.IsActive = true;
            counter.Origin = CatalogOrigin.Configuration;
        }

        await db.SaveChangesAsync(ct);
    }
}
