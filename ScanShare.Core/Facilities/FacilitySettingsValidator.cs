using System.Text.RegularExpressions;

namespace ScanShare.Core.Facilities;

/// <summary>Checks the facility configuration before anything starts, in words a facility's IT person can act on.</summary>
public static partial class FacilitySettingsValidator
{
    public static IReadOnlyList<string> Validate(FacilityCatalogSettings catalog)
    {
        var errors = new List<string>();
        Duplicates(catalog.Facilities.Select(f => f.HipId), "Facilities", "HIP id", errors);
        for (var i = 0; i < catalog.Facilities.Count; i++)
        {
            ValidateFacility(catalog.Facilities[i], $"Facilities[{i}]", errors);
        }

        return errors;
    }

    private static void ValidateFacility(FacilitySettings facility, string path, List<string> errors)
    {
        Require(facility.HipId, $"{path}.HipId", errors);
        Require(facility.Name, $"{path}.Name", errors);
        if (!FacilityCalendar.IsKnownTimeZone(facility.TimeZone))
        {
            errors.Add($"{path}.TimeZone: '{facility.TimeZone}' is not a time zone this server knows (use an IANA id such as Asia/Kolkata).");
        }

        if (facility.Queues.Count == 0)
        {
            errors.Add($"{path}.Queues: a facility needs at least one queue.");
        }

        Duplicates(facility.Queues.Select(q => q.Code), $"{path}.Queues", "code", errors);
        Duplicates(facility.Queues.Select(q => q.Prefix), $"{path}.Queues", "prefix", errors);
        Duplicates(facility.Counters.Select(c => c.Code), $"{path}.Counters", "code", errors);

        for (var i = 0; i < facility.Queues.Count; i++)
        {
            var queue = facility.Queues[i];
            var queuePath = $"{path}.Queues[{i}]";
            RequireCode(queue.Code, $"{queuePath}.Code", errors);
            Require(queue.Name, $"{queuePath}.Name", errors);
            if (!PrefixPattern().IsMatch(queue.Prefix))
            {
                errors.Add($"{queuePath}.Prefix: '{queue.Prefix}' must be 1 to 4 letters or digits, e.g. R.");
            }

            if (queue.ValidityMinutes is < 1 or > 24 * 60)
            {
                errors.Add($"{queuePath}.ValidityMinutes: {queue.ValidityMinutes} must be between 1 and 1440.");
            }

            if (queue.MaxRequeues is < 0 or > 10)
            {
                errors.Add($"{queuePath}.MaxRequeues: {queue.MaxRequeues} must be between 0 and 10.");
            }

            if (queue.SeniorAge is < 0 or > 120)
            {
                errors.Add($"{queuePath}.SeniorAge: {queue.SeniorAge} must be between 0 (off) and 120.");
            }
        }

        if (Patients.UhidFormat.Problem(facility.Registration.UhidFormat) is { } uhidProblem)
        {
            errors.Add($"{path}.Registration.UhidFormat: '{facility.Registration.UhidFormat}' {uhidProblem}.");
        }

        Duplicates(facility.Registration.Departments, $"{path}.Registration.Departments", "department", errors);
        for (var i = 0; i < facility.Registration.Departments.Count; i++)
        {
            if (facility.Registration.Departments[i] is not { Length: > 0 and <= 100 } department || string.IsNullOrWhiteSpace(department))
            {
                errors.Add($"{path}.Registration.Departments[{i}]: a department name is 1 to 100 characters.");
            }
        }

        Duplicates(facility.Displays.Select(d => d.Code), $"{path}.Displays", "code", errors);
        for (var i = 0; i < facility.Displays.Count; i++)
        {
            var display = facility.Displays[i];
            var displayPath = $"{path}.Displays[{i}]";
            RequireCode(display.Code, $"{displayPath}.Code", errors);
            if (display.Key.Length < 16)
            {
                errors.Add($"{displayPath}.Key: a display key needs at least 16 characters, since it is all that guards the screen's URL.");
            }

            foreach (var queue in display.Queues.Where(q => !facility.Queues.Any(known => string.Equals(known.Code, q, StringComparison.OrdinalIgnoreCase))))
            {
                errors.Add($"{displayPath}.Queues: '{queue}' is not a queue of {facility.Name}.");
            }

            foreach (var language in display.Languages.Where(l => l is not ("en" or "hi")))
            {
                errors.Add($"{displayPath}.Languages: '{language}' is not supported (use en, hi).");
            }
        }

        var queueCodes = facility.Queues.Select(q => q.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < facility.Counters.Count; i++)
        {
            var counter = facility.Counters[i];
            var counterPath = $"{path}.Counters[{i}]";
            RequireCode(counter.Code, $"{counterPath}.Code", errors);
            Require(counter.Name, $"{counterPath}.Name", errors);
            if (!queueCodes.Contains(counter.Queue))
            {
                errors.Add($"{counterPath}.Queue: counter '{counter.Code}' points to queue '{counter.Queue}', which {facility.Name} does not have (known: {string.Join(", ", queueCodes)}).");
            }
        }
    }

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static bool IsValidPrefix(string? prefix) => prefix is not null && PrefixPattern().IsMatch(prefix);

    private static void Require(string value, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path} is required.");
        }
    }

    private static void RequireCode(string value, string path, List<string> errors)
    {
        if (!CodePattern().IsMatch(value))
        {
            errors.Add($"{path}: '{value}' must be 1 to 32 letters, digits, dashes or underscores.");
        }
    }

    private static void Duplicates(IEnumerable<string> values, string path, string what, List<string> errors)
    {
        foreach (var duplicate in values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}: the {what} '{duplicate.Key}' appears more than once.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,4}$")]
    private static partial Regex PrefixPattern();
}
