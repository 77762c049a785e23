using ScanShare.Core.Queueing;

namespace ScanShare.Web.Counters;

public static class PriorityNames
{
    public static readonly IReadOnlyList<PriorityLane> All = [PriorityLane.None, PriorityLane.SeniorCitizen, PriorityLane.Disabled, PriorityLane.Pregnant];

    public static string Of(PriorityLane lane) => lane switch
    {
        PriorityLane.SeniorCitizen => "Senior",
        PriorityLane.Disabled => "Disabled",
        PriorityLane.Pregnant => "Pregnant",
        _ => "General",
    };
}
