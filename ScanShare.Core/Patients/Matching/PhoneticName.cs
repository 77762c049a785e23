using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScanShare.Core.Patients.Matching;

/// <summary>
/// A sound key for Indian names written in Latin or Devanagari letters, so that the spellings one person's name
/// takes in different records meet: "Mohd. Irfan" and "Mohammad Irfan", "Sunita Devi" and "सुनीता देवी",
/// "Lakshmi" and "Laxmi", "Chaudhary" and "Choudhari". Titles and the Mohammad that many records leave out are
/// dropped; aspirates, doubled letters, v/w/b, z/j, ph/f, long vowels and a final a are folded together.
/// </summary>
public static partial class PhoneticName
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "shri", "sri", "shree", "smt", "shrimati", "srimati", "shrimti", "kumari", "km", "kum", "sushri",
        "late", "master", "baby", "mohd", "md", "mohammad", "mohammed", "muhammad", "muhammed", "mohamad", "mohamed", "mohammd", "mohmmad",
    };

    /// <summary>The name's tokens, folded, in their written order; empty when nothing but titles is left.</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var latin = RemoveMarks(DevanagariLatin.Transliterate(name).ToLowerInvariant());
        latin = Relation().Replace(latin, "");
        var words = NonLetters().Split(latin).Where(w => w.Length > 0).ToList();
        var kept = words.Where(w => !Dropped.Contains(w)).ToList();
        return (kept.Count > 0 ? kept : words).Select(Fold).Where(w => w.Length > 0).ToList();
    }

    /// <summary>The stored key: the folded tokens in alphabetical order, so "Kumar Rahul" meets "Rahul Kumar".</summary>
    public static string Key(string? name) => string.Join(' ', Tokens(name).Order(StringComparer.Ordinal));

    /// <summary>
    /// Whether two names can be one person's: every token of the shorter has its own close token in the longer,
    /// and either the first (given) names are close or both have the same number of parts.
    /// </summary>
    public static bool AreClose(string? a, string? b)
    {
        var (x, y) = (Tokens(a), Tokens(b));
        if (x.Count == 0 || y.Count == 0)
        {
            return false;
        }

        var (shorter, longer) = x.Count <= y.Count ? (x, y) : (y, x);
        var unused = longer.ToList();
        foreach (var token in shorter)
        {
            var match = unused.FindIndex(other => TokensClose(token, other));
            if (match < 0)
            {
                return false;
            }

            unused.RemoveAt(match);
        }

        return x.Count == y.Count || TokensClose(x[0], y[0]);
    }

    /// <summary>
    /// Equal once folded; or one letter apart with the same consonants (Sarla, Sarala); or one letter apart in a long
    /// name. "Anita" and "Sunita", "Rajesh" and "Rakesh" stay apart.
    /// </summary>
    private static bool TokensClose(string a, string b) =>
        a == b || (Distance(a, b) <= 1 && (Skeleton(a) == Skeleton(b) || Math.Min(a.Length, b.Length) >= 7));

    private static string Fold(string word)
    {
        var w = word.Replace("x", "ks", StringComparison.Ordinal)
            .Replace("ph", "f", StringComparison.Ordinal)
            .Replace("ck", "k", StringComparison.Ordinal)
            .Replace('q', 'k').Replace('z', 'j').Replace('w', 'b').Replace('v', 'b');
        w = Aspirate().Replace(w, "$1");
        w = w.Replace("ee", "i", StringComparison.Ordinal).Replace("oo", "u", StringComparison.Ordinal)
            .Replace("ou", "o", StringComparison.Ordinal).Replace("au", "o", StringComparison.Ordinal);
        w = FinalY().Replace(w, "$1i").Replace("mb", "nb", StringComparison.Ordinal).Replace("mp", "np", StringComparison.Ordinal);
        w = Doubled().Replace(w, "$1");
        w = w.Length > 2 && w[^1] == 'h' ? w[..^1] : w;
        return w.Length > 2 && w[^1] == 'a' ? w[..^1] : w;
    }

    private static string Skeleton(string token) => token[..1] + string.Concat(token[1..].Where(c => c is not ('a' or 'e' or 'i' or 'o' or 'u')));

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return 2;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string RemoveMarks(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));

    /// <summary>"S/o Ramesh", "W/o …": what follows names a relative, not the patient.</summary>
    [GeneratedRegex(@"\b[sdwc]\s*/\s*o\b.*$")]
    private static partial Regex Relation();

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex NonLetters();

    [GeneratedRegex("([bcdgjkpst])h")]
    private static partial Regex Aspirate();

    [GeneratedRegex("([^aeiou])e?y$")]
    private static partial Regex FinalY();

    [GeneratedRegex("(.)\\1+")]
    private static partial Regex Doubled();
}
