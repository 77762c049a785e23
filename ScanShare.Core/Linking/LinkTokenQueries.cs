namespace ScanShare.Core.Linking;

public static class LinkTokenQueries
{
    /// <summary>A patient's latest link-token request at a facility: a seek of its index, newest row first, no sort.</summary>
    public static IQueryable<LinkToken> LatestOf(this IQueryable<LinkToken> tokens, int facilityId, long patientId) =>
        tokens
            .Where(l => l.FacilityId == facilityId && l.PatientId == patientId)
            .OrderByDescending(l => l.Id)
            .Take(1);

    /// <summary>A facility's requests refused or left unanswered since a time: the partial index of such requests only.</summary>
    public static IQueryable<LinkToken> RefusedSince(this IQueryable<LinkToken> tokens, int facilityId, DateTime since) =>
        tokens.Where(l => (l.State == LinkTokenState.Refused || l.State == LinkTokenState.Unanswered) && l.FacilityId == facilityId && l.AnsweredAt >= since);
}
