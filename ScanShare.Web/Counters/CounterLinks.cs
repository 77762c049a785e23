namespace ScanShare.Web.Counters;

/// <summary>Where a counter's pages live.</summary>
public static class CounterLinks
{
    public static string Desk(string hipId, string counterCode) => $"/counter/{hipId}/{counterCode}";

    public static string Poster(string hipId, string counterCode) => $"/poster/{hipId}/{counterCode}";
}
