using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Patients;

/// <summary>
/// What the clerk checks and corrects from the shared profile (with the flags it came with), and where the patient
/// goes next.
/// </summary>
public sealed record RegistrationDetails(PatientDemographics Demographics, string Department);

/// <param name="PatientVersion">The patient record's edit count when read; saving checks nobody changed it since.</param>
public sealed record RegistrationDraft(
    long TokenId,
    string TokenLabel,
    TokenState TokenState,
    string? Uhid,
    string? AbhaNumber,
    string? AbhaAddress,
    RegistrationDetails Details,
    int PatientVersion,
    bool IsRegistered,
    IReadOnlyList<string> Departments);

/// <summary>
/// Registers the patient holding a token: the clerk's corrections go into the patient record, a returning patient
/// keeps their UHID and a new one gets the facility's next, and the department is kept with the token. The visit is
/// linked to the patient's ABHA in the same transaction when the facility links at registration.
/// </summary>
public sealed class PatientRegistration(ScanShareDbContext db, QueueEngine engine, TimeProvider clock, VisitLinking? visits = null)
{
    public async Task<RegistrationDraft?> DraftAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        var row = await db.Tokens.AsNoTracking()
            .Where(t => t.Id == tokenId && t.Patient != null)
            .Join(db.Facilities, t => t.FacilityId, f => f.Id, (t, f) => new { Token = t, t.Patient, f.Departments })
            .SingleOrDefaultAsync(cancellationToken);
        if (row?.Patient is not { } p)
        {
            return null;
        }

        var details = new RegistrationDetails(p.Demographics(), row.Token.Department ?? "");
        return new RegistrationDraft(row.Token.Id, row.Token.Label, row.Token.State, p.Uhid, p.AbhaNumber, p.AbhaAddress, details,
            p.Version, row.Token.RegisteredAt is not null, row.Departments);
    }

    /// <returns>The patient's UHID.</returns>
    public Task<string> RegisterAsync(long tokenId, RegistrationDetails details, int patientVersion, string registeredBy,
        CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async ct =>
        {
            var year = clock.GetUtcNow().Year;
            if (RegistrationRules.Check(details, year).Values.FirstOrDefault() is { } problem)
            {
                throw new QueueRuleException(QueueError.InvalidInput, problem);
            }

            var token = await db.Tokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tokenId, ct)
                ?? throw new QueueRuleException(QueueError.UnknownToken, $"There is no token with id {tokenId}.");
            var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == token.PatientId, ct)
                ?? throw new QueueRuleException(QueueError.InvalidState, $"{token.Label} has no patient to register.");
            if (patient.Version != patientVersion)
            {
                throw new QueueRuleException(QueueError.Conflict,
                    $"{patient.Name}'s details were changed by someone else since you opened them; they have been reloaded.");
            }

            var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == token.FacilityId, ct);
            if (!facility.Departments.Contains(details.Department))
            {
                throw new QueueRuleException(QueueError.InvalidInput, $"'{details.Department}' is not a department of {facility.Name}.");
            }

            // The clerk has seen every value with its flag and saved it: what needed checking is confirmed or corrected.
            patient.Apply(details.Demographics.Normalize(year) with { Flags = DemographicFlags.None });
            patient.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            patient.Version++;
            patient.Uhid ??= UhidFormat.Format(facility.UhidFormat, await NextUhidNumberAsync(facility.Id, ct),
                FacilityCalendar.LocalDate(clock.GetUtcNow(), facility.TimeZoneId));
            await db.SaveChangesAsync(ct);
            await engine.RecordRegistrationAsync(tokenId, details.Department, registeredBy, ct);
            if (visits is not null)
            {
                await visits.OnRegisteredAsync(engine, tokenId, ct);
            }

            return patient.Uhid;
        }, cancellationToken);

    private async Task<long> NextUhidNumberAsync(int facilityId, CancellationToken ct)
    {
        var numbers = await db.Database.SqlQuery<long>($"""
            INSERT INTO "UhidSequences" ("FacilityId", "LastNumber") VALUES ({facilityId}, 1)
            ON CONFLICT ("FacilityId") DO UPDATE SET "LastNumber" = "UhidSequences"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }
}
