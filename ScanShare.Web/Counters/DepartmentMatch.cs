namespace ScanShare.Web.Counters;

/// <summary>Which departments a few typed letters mean: the whole name first, then names or words that start with them, then any that contain them.</summary>
public static class DepartmentMatch
{
    public static IEnumerable<string> All(IEnumerable<string> departments, string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return departments
            .Select(d => (Department: d, Rank: Rank(d, text)))
            .Where(m => m.Rank < 4)
            .OrderBy(m => m.Rank)
            .Select(m => m.Department);
    }

    public static string? Best(IEnumerable<string> departments, string? typed) => All(departments, typed).FirstOrDefault();

    private static int Rank(string department, string text) =>
        department.Equals(text, StringComparison.OrdinalIgnoreCase) ? 0
        : department.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
        : department.Split(' ', '&', '-').Any(w => w.StartsWith(text, StringComparison.OrdinalIgnoreCase)) ? 2
        : department.Contains(text, StringComparison.OrdinalIgnoreCase) ? 3
        : 4;
}
