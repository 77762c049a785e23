namespace ScanShare.Core.Linking;

public static class LinkTokenQueries
{
    /// <summary>A patient's latest link-token request at a facility: a seek of its index, newest row first, no sort.</summary>
    public static IQueryable<LinkToken> LatestOf(this IQueryable<LinkToken> tokens, int facilityId, long patientId) =>
        tokens
            .Where(l => l.FacilityId == facilityId && l.PatientId == patientId)
            .OrderByDescending(l => l.Id)
            .Take(1);
}
