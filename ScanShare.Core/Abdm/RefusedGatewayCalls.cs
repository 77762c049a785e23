using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;

namespace ScanShare.Core.Abdm;

/// <summary>One refused call as the endpoint saw it.</summary>
public sealed record GatewayRefusal(DateTime At, string Path, int Status, string Reason);

/// <summary>Adds refused calls to their hourly counts.</summary>
public static class RefusedGatewayCalls
{
    public const int MaxPathLength = 200;
    public const int MaxReasonLength = 300;

    /// <summary>
    /// Counts the refusals in one transaction, one update (or insert) per hour, path, status and reason. On SQLite the
    /// caller serializes writers; on a database server another instance may insert the same row first, and then the
    /// caller counts again (see <see cref="DatabaseConflicts"/>).
    /// </summary>
    public static async Task CountAsync(ScanShareDbContext db, IEnumerable<GatewayRefusal> refusals, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var groups = refusals
            .Select(r => r with { Path = Clip(r.Path, MaxPathLength), Reason = Clip(r.Reason, MaxReasonLength) })
            .GroupBy(r => (Hour: HourOf(r.At), r.Path, r.Status, r.Reason));
        foreach (var group in groups)
        {
            var (hour, path, status, reason) = group.Key;
            var (count, first, last) = (group.Count(), group.Min(r => r.At), group.Max(r => r.At));
            var updated = await db.RefusedGatewayCalls
                .Where(r => r.Hour == hour && r.Path == path && r.Status == status && r.Reason == reason)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Count, r => r.Count + count)
                    .SetProperty(r => r.LastAt, last), cancellationToken);
            if (updated == 0)
            {
                db.RefusedGatewayCalls.Add(new RefusedGatewayCall
                {
                    Hour = hour, Path = path, Status = status, Reason = reason, Count = count, FirstAt = first, LastAt = last,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static DateTime HourOf(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);

    private static string Clip(string value, int maxLength) => value.Length <= maxLength ? value : value[..(maxLength - 1)] + "…";
}
