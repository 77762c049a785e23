using System.Globalization;

namespace ScanShare.Core.Patients;

public static class PatientDisplay
{
    /// <summary>Only the last four digits: <c>XX-XXXX-XXXX-9012</c>.</summary>
    public static string? MaskAbhaNumber(string? abhaNumber) =>
        abhaNumber is { Length: >= 4 } ? "XX-XXXX-XXXX-" + abhaNumber[^4..] : null;

    /// <summary>Forms of address that come before a name in Indian records; a public screen leaves them out.</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "dr", "shri", "sri", "shree", "smt", "kumari", "km", "sushri", "master", "baby", "late",
        "श्री", "श्रीमती", "सुश्री", "कुमारी", "कु", "डॉ", "डा", "स्व", "बेबी", "मास्टर",
    };

    /// <summary>
    /// What a public screen may show: given name and last initial, <c>Sunita D.</c>, <c>कमला दे.</c>. Titles are left out,
    /// and the initial is a whole written character (a Devanagari consonant keeps its vowel sign), never half of one.
    /// </summary>
    public static string MaskName(string name)
    {
        var parts = name.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(part => part.Length > 0 && Titles.Contains(part.TrimEnd('.')))
            .ToList();
        return parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => $"{parts[0]} {Initial(parts[^1])}.",
        };
    }

    private static string Initial(string word)
    {
        var first = StringInfo.GetNextTextElement(word);
        return first.Length == 1 ? char.ToUpperInvariant(first[0]).ToString() : first;
    }

    public static string? AgeGender(int? yearOfBirth, Gender? gender, int currentYear) =>
        (yearOfBirth, gender) switch
        {
            (null, null) => null,
            (null, { } g) => g.ToString(),
            ({ } y, null) => $"{currentYear - y} y",
            ({ } y, { } g) => $"{currentYear - y} y / {g}",
        };

    /// <summary>One line: <c>12 MG Road, Pune, Maharashtra 411001</c>.</summary>
    public static string? Address(string? line, string? district, string? state, string? pincode)
    {
        var region = string.Join(" ", new[] { state, pincode }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var parts = new[] { line, district, region }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
