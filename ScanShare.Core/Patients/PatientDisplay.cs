namespace ScanShare.Core.Patients;

public static class PatientDisplay
{
    /// <summary>Only the last four digits: <c>XX-XXXX-XXXX-9012</c>.</summary>
    public static string? MaskAbhaNumber(string? abhaNumber) =>
        abhaNumber is { Length: >= 4 } ? "XX-XXXX-XXXX-" + abhaNumber[^4..] : null;

    /// <summary>What a public screen may show: first name and last initial, <c>Sunita D.</c></summary>
    public static string MaskName(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "",
            1 => parts[0],
            _ => $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.",
        };
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
