using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Patients;

/// <summary>What the clerk checks and corrects from the shared profile, and where the patient goes next.</summary>
public sealed record RegistrationDetails(
    string Name,
    Gender Gender,
    int? YearOfBirth,
    int? MonthOfBirth,
    int? DayOfBirth,
    string? Mobile,
    string? AddressLine,
    string? District,
    string? State,
    string? Pincode,
    string Department);

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
/// keeps their UHID and a new one gets the facility's next, and the department is kept with the token.
/// </summary>
public sealed class PatientRegistration(ScanShareDbContext db, QueueEngine engine, TimeProvider clock)
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

        var details = new RegistrationDetails(p.Name, p.Gender, p.YearOfBirth, p.MonthOfBirth, p.DayOfBirth, p.Mobile, p.AddressLine,
            p.District, p.State, p.Pincode, row.Token.Department ?? "");
        return new RegistrationDraft(row.Token.Id, row.Token.Label, row.Token.State, p.Uhid, p.AbhaNumber, p.AbhaAddress, details,
            p.Version, row.Token.RegisteredAt is not null, row.Departments);
    }

    /// <returns>The patient's UHID.</returns>
    public Task<string> RegisterAsync(long tokenId, RegistrationDetails details, int patientVersion, string registeredBy,
        CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async ct =>
        {
            if (RegistrationRules.Check(details, clock.GetUtcNow().Year).Values.FirstOrDefault() is { } problem)
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

            Apply(details, patient);
            patient.Uhid ??= UhidFormat.Format(facility.UhidFormat, await NextUhidNumberAsync(facility.Id, ct),
                FacilityCalendar.LocalDate(clock.GetUtcNow(), facility.TimeZoneId));
            await db.SaveChangesAsync(ct);
            await engine.RecordRegistrationAsync(tokenId, details.Department, registeredBy, ct);
            return patient.Uhid;
        }, cancellationToken);

    private void Apply(RegistrationDetails details, Patient patient)
    {
        patient.Name = details.Name.Trim();
        patient.Gender = details.Gender;
        patient.YearOfBirth = details.YearOfBirth;
        patient.MonthOfBirth = details.MonthOfBirth;
        patient.DayOfBirth = details.DayOfBirth;
        patient.Mobile = Blank(details.Mobile);
        patient.AddressLine = Blank(details.AddressLine);
        patient.District = Blank(details.District);
        patient.State = Blank(details.State);
        patient.Pincode = Blank(details.Pincode);
        patient.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        patient.Version++;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
