using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;

using ScanShare.Core.Staff;

namespace ScanShare.Core.Queueing;

/// <param name="IssuedAtLocal">In the facility's time zone.</param>
public sealed record TokenSlip(
    string FacilityName,
    string HipId,
    string Label,
    string QueueName,
    string? CounterName,
    string? PatientName,
    Gender? Gender,
    int? YearOfBirth,
    string? AbhaAddress,
    string? Uhid,
    string? Department,
    DateOnly ServiceDate,
    DateTime IssuedAtLocal,
    TokenSource Source,
    WaitEstimate? Wait = null)
{
    /// <summary>What the slip's QR code carries, so the next desk can find the token.</summary>
    public string Reference => $"{HipId}/{ServiceDate:yyyy-MM-dd}/{Label}";
}

public sealed class TokenSlips(ScanShareDbContext db, WaitEstimates waits)
{
    /// <returns>The slip, or null when there is no such token or it belongs to a facility the viewer does not work for.</returns>
    public async Task<TokenSlip?> FindAsync(long tokenId, StaffScope viewer, CancellationToken cancellationToken = default)
    {
        var row = await db.Tokens.AsNoTracking()
            .Where(t => t.Id == tokenId)
            .Join(db.Facilities, t => t.FacilityId, f => f.Id, (t, f) => new
            {
                FacilityId = f.Id,
                f.Name,
                f.HipId,
                f.TimeZoneId,
                t.Label,
                Queue = t.Queue!.Name,
                Counter = db.Counters.Where(c => c.Id == (t.CounterId ?? t.IssuedAtCounterId)).Select(c => c.Name).FirstOrDefault(),
                Patient = t.Patient == null ? null : new { t.Patient.Name, t.Patient.Gender, t.Patient.YearOfBirth, t.Patient.AbhaAddress, t.Patient.Uhid },
                t.Department,
                t.ServiceDate,
                t.IssuedAt,
                t.Source,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null || !viewer.Sees(row.FacilityId)
            ? null
            : new TokenSlip(row.Name, row.HipId, row.Label, row.Queue, row.Counter, row.Patient?.Name, row.Patient?.Gender, row.Patient?.YearOfBirth,
                row.Patient?.AbhaAddress, row.Patient?.Uhid, row.Department, row.ServiceDate, FacilityCalendar.ToLocal(row.IssuedAt, row.TimeZoneId), row.Source,
                await waits.ForTokenAsync(tokenId, cancellationToken));
    }
}
