using System.Text;

namespace ScanShare.Core.Patients.Matching;

/// <summary>
/// Devanagari to plain Latin letters the way Indian names are usually spelled in English (सुनीता देवी → sunita devi,
/// राजेश → rajesh, कमला → kamla): consonants carry their inherent "a" unless a vowel sign or virama follows, and that
/// "a" is dropped where Hindi drops it (at the end of a word, and between a vowel-consonant and a consonant-vowel).
/// </summary>
public static class DevanagariLatin
{
    private static readonly Dictionary<char, string> Consonants = new()
    {
        ['क'] = "k", ['ख'] = "kh", ['ग'] = "g", ['घ'] = "gh", ['ङ'] = "n", ['च'] = "ch", ['छ'] = "chh", ['ज'] = "j", ['झ'] = "jh", ['ञ'] = "n",
        ['ट'] = "t", ['ठ'] = "th", ['ड'] = "d", ['ढ'] = "dh", ['ण'] = "n", ['त'] = "t", ['थ'] = "th", ['द'] = "d", ['ध'] = "dh", ['न'] = "n",
        ['प'] = "p", ['फ'] = "ph", ['ब'] = "b", ['भ'] = "bh", ['म'] = "m", ['य'] = "y", ['र'] = "r", ['ल'] = "l", ['ळ'] = "l", ['व'] = "v",
        ['श'] = "sh", ['ष'] = "sh", ['स'] = "s", ['ह'] = "h",
    };

    private static readonly Dictionary<char, string> VowelSigns = new()
    {
        ['ा'] = "a", ['ि'] = "i", ['ी'] = "i", ['ु'] = "u", ['ू'] = "u", ['ृ'] = "ri", ['े'] = "e", ['ै'] = "ai", ['ो'] = "o", ['ौ'] = "au",
        ['ॉ'] = "o", ['ॅ'] = "e",
    };

    private static readonly Dictionary<char, string> Vowels = new()
    {
        ['अ'] = "a", ['आ'] = "a", ['इ'] = "i", ['ई'] = "i", ['उ'] = "u", ['ऊ'] = "u", ['ऋ'] = "ri", ['ए'] = "e", ['ऐ'] = "ai", ['ओ'] = "o",
        ['औ'] = "au", ['ऑ'] = "o", ['ऍ'] = "e",
    };

    // Letters with a nukta (ज़, फ़, ड़) arrive as the letter followed by the nukta sign: Unicode normalization keeps them apart.
    private static readonly Dictionary<string, string> WithNukta = new()
    {
        ["k"] = "q", ["g"] = "g", ["j"] = "z", ["d"] = "r", ["dh"] = "rh", ["ph"] = "f", ["y"] = "y",
    };

    private const char Virama = '्';
    private const char Nukta = '़';

    public static bool IsDevanagari(char c) => c is >= '\u0900' and <= '\u097F';

    /// <summary>The text with each Devanagari word spelled in Latin letters; everything else as it was.</summary>
    public static string Transliterate(string text)
    {
        if (!text.Any(IsDevanagari))
        {
            return text;
        }

        var output = new StringBuilder(text.Length * 2);
        var word = new List<Syllable>();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (!IsDevanagari(c))
            {
                Flush(word, output);
                output.Append(c);
                continue;
            }

            if (Consonants.TryGetValue(c, out var consonant))
            {
                word.Add(new Syllable(consonant, "a", Inherent: true));
            }
            else if (c == Nukta && word.Count > 0 && WithNukta.TryGetValue(word[^1].Consonant, out var changed))
            {
                word[^1] = word[^1] with { Consonant = changed };
            }
            else if (VowelSigns.TryGetValue(c, out var sign) && word.Count > 0)
            {
                word[^1] = word[^1] with { Vowel = sign, Inherent = false };
            }
            else if (c == Virama && word.Count > 0)
            {
                word[^1] = word[^1] with { Vowel = "", Inherent = false };
            }
            else if (Vowels.TryGetValue(c, out var vowel))
            {
                word.Add(new Syllable("", vowel, Inherent: false));
            }
            else if (c is 'ं' or 'ँ' && word.Count > 0)
            {
                word[^1] = word[^1] with { Coda = "n" };
            }
            else if (c == 'ः' && word.Count > 0)
            {
                word[^1] = word[^1] with { Coda = "h" };
            }
        }

        Flush(word, output);
        return output.ToString();
    }

    private static void Flush(List<Syllable> word, StringBuilder output)
    {
        if (word.Count == 0)
        {
            return;
        }

        // Hindi drops the inherent vowel at the end of a word, and in a vowel-consonant _ consonant-vowel context.
        if (word.Count > 1 && word[^1].Inherent && word[^1].Coda.Length == 0)
        {
            word[^1] = word[^1] with { Vowel = "" };
        }

        for (var i = word.Count - 2; i >= 1; i--)
        {
            if (word[i].Inherent && word[i].Coda.Length == 0 && word[i - 1].Vowel.Length > 0 && word[i + 1].Consonant.Length > 0 && word[i + 1].Vowel.Length > 0)
            {
                word[i] = word[i] with { Vowel = "" };
            }
        }

        foreach (var syllable in word)
        {
            output.Append(syllable.Consonant).Append(syllable.Vowel).Append(syllable.Coda);
        }

        word.Clear();
    }

    private sealed record Syllable(string Consonant, string Vowel, bool Inherent)
    {
        public string Coda { get; init; } = "";
    }
}
