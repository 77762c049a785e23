using System.Globalization;

namespace ScanShare.Core.Abha;

/// <summary>
/// The date of birth as ABHA QRs write it: <c>14/8/1979</c>, <c>xx/9/1985</c> (day not known), a year alone,
/// <c>1979-08-14</c>, <c>14-Aug-1979</c>. A part written with x is unknown; a masked year is reported so the clerk asks.
/// </summary>
public readonly record struct QrBirthDate(int? Year, int? Month, int? Day, string? Masked)
{
    private static readonly char[] Separators = ['/', '-', '.', ' '];

    public static QrBirthDate Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        var parts = text.Trim().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var (year, month, day) = parts switch
        {
            [var y] => (y, null, null),
            [var m, var y] => (y, m, null),
            [var first, var m, var last] when first.Length == 4 => (first, m, last),
            [var d, var m, var y] => (y, m, d),
            _ => ((string?)text, (string?)null, (string?)null),
        };
        var yearValue = Number(year);
        var masked = yearValue is null && year is not null ? text.Trim() : null;
        return new QrBirthDate(yearValue, MonthOf(month), Number(day), masked);
    }

    private static int? Number(string? part) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static int? MonthOf(string? part)
    {
        if (Number(part) is { } number)
        {
            return number;
        }

        var names = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;
        var index = part is { Length: >= 3 } ? Array.FindIndex(names, n => n.Length > 0 && part.StartsWith(n, StringComparison.OrdinalIgnoreCase)) : -1;
        return index >= 0 ? index + 1 : null;
    }
}
