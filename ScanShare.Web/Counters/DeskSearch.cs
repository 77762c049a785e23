namespace ScanShare.Web.Counters;

public static class DeskSearch
{
    /// <summary>Rows where any of the fields contains the text (a name, a token like "R-012" or "12", a mobile), ignoring case.</summary>
    public static IEnumerable<T> Filter<T>(IEnumerable<T> rows, string? text, Func<T, string?[]> fields)
    {
        var query = text?.Trim();
        return string.IsNullOrEmpty(query)
            ? rows
            : rows.Where(row => fields(row).Any(field => field?.Contains(query, StringComparison.OrdinalIgnoreCase) == true));
    }
}
