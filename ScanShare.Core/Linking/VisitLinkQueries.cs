namespace ScanShare.Core.Linking;

/// <summary>
/// The reads of visits still on their way and of failed ones. Each names its state as one equality, so SQLite uses the
/// partial index that holds only such visits, however many linked visits a year brings.
/// </summary>
public static class VisitLinkQueries
{
    /// <summary>Visits waiting for a link token, of every patient.</summary>
    public static IQueryable<VisitLink> AwaitingToken(this IQueryable<VisitLink> visits) =>
        visits.Where(v => v.State == VisitLinkState.AwaitingToken);

    /// <summary>One patient's visits waiting for a link token at a facility, oldest first.</summary>
    public static IQueryable<VisitLink> AwaitingTokenOf(this IQueryable<VisitLink> visits, int facilityId, long patientId) =>
        visits.Where(v => v.State == VisitLinkState.AwaitingToken && v.FacilityId == facilityId && v.PatientId == patientId).OrderBy(v => v.Id);

    /// <summary>Visits whose link was sent before <paramref name="before"/> and not answered.</summary>
    public static IQueryable<VisitLink> UnansweredBefore(this IQueryable<VisitLink> visits, DateTime before) =>
        visits.Where(v => v.State == VisitLinkState.Linking && v.LinkRequestedAt < before);

    public static IQueryable<VisitLink> FailedSince(this IQueryable<VisitLink> visits, int facilityId, DateTime since) =>
        visits.Where(v => v.State == VisitLinkState.Failed && v.FacilityId == facilityId && v.UpdatedAt >= since);

    public static IQueryable<VisitLink> NotifyFailedSince(this IQueryable<VisitLink> visits, int facilityId, DateTime since) =>
        visits.Where(v => v.NotifyProblem != null && v.FacilityId == facilityId && v.UpdatedAt >= since);
}
