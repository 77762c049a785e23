using System.Globalization;
using System.Text.RegularExpressions;

namespace ScanShare.Core.Queueing;

/// <summary>What the waiting hall hears for a call: "Token R 23, counter 2" / "टोकन आर 23, काउंटर 2".</summary>
public static partial class CallAnnouncement
{
    private static readonly string[] HindiLetters =
    [
        "ए", "बी", "सी", "डी", "ई", "एफ", "जी", "एच", "आई", "जे", "के", "एल", "एम",
        "एन", "ओ", "पी", "क्यू", "आर", "एस", "टी", "यू", "वी", "डब्ल्यू", "एक्स", "वाई", "ज़ेड",
    ];

    public static string Text(string label, string? counterName, string language)
    {
        var (prefix, number) = Split(label);
        var counterNumber = counterName is null ? null : TrailingNumber().Match(counterName) is { Success: true } m ? m.Value : null;
        return language switch
        {
            "hi" => $"टोकन {string.Join(" ", prefix.Select(Hindi))} {number}" + (counterName is null ? "" : $", काउंटर {counterNumber ?? counterName}"),
            _ => $"Token {string.Join(" ", prefix.Select(c => c.ToString()))} {number}" + (counterName is null ? "" : $", {(counterNumber is null ? counterName : $"counter {counterNumber}")}"),
        };
    }

    /// <summary>BCP 47 tags for the browser's speech synthesis.</summary>
    public static string SpeechLanguage(string language) => language == "hi" ? "hi-IN" : "en-IN";

    private static (string Prefix, int Number) Split(string label)
    {
        var dash = label.LastIndexOf('-');
        return dash > 0 && int.TryParse(label[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (label[..dash], number)
            : (label, 0);
    }

    private static string Hindi(char letter) =>
        char.ToUpperInvariant(letter) is >= 'A' and <= 'Z' and var upper ? HindiLetters[upper - 'A'] : letter.ToString();

    [GeneratedRegex(@"\d+$")]
    private static partial Regex TrailingNumber();
}
