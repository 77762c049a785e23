namespace ScanShare.Core.Patients;

/// <summary>
/// A patient's name and the facts about them besides their ABHA identity, as one set wherever they come from (a
/// share, the registration dialog, a walk-in), with a flag on each value the clerk should check.
/// </summary>
public sealed record PatientDemographics(
    string Name,
    Gender Gender,
    int? YearOfBirth,
    int? MonthOfBirth,
    int? DayOfBirth,
    string? Mobile,
    string? AddressLine,
    string? District,
    string? State,
    string? Pincode)
{
    public DemographicFlags Flags { get; init; } = DemographicFlags.None;

    /// <summary>These values through <see cref="DemographicRules"/>; flags already carried stay.</summary>
    public PatientDemographics Normalize(int currentYear) =>
        new DemographicsBuilder(currentYear, Flags)
            .Gender(Gender)
            .BirthDate(YearOfBirth, MonthOfBirth, DayOfBirth)
            .Mobile(Mobile)
            .Address(AddressLine, District, State)
            .Pincode(Pincode)
            .Build(Name);

    public object? ValueOf(DemographicField field) => field switch
    {
        DemographicField.Gender => Gender,
        DemographicField.YearOfBirth => YearOfBirth,
        DemographicField.MonthOfBirth => MonthOfBirth,
        DemographicField.DayOfBirth => DayOfBirth,
        DemographicField.Mobile => Mobile,
        DemographicField.AddressLine => AddressLine,
        DemographicField.District => District,
        DemographicField.State => State,
        DemographicField.Pincode => Pincode,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}

/// <summary>
/// Puts each value of a patient's details through its rule in <see cref="DemographicRules"/>, flagging each that
/// needs checking; the first flag of a field stands (a value of the wrong type is flagged before its rule runs).
/// </summary>
public sealed class DemographicsBuilder(int currentYear, DemographicFlags? flags = null)
{
    private DemographicFlags _flags = flags ?? DemographicFlags.None;
    private Gender _gender = Patients.Gender.U;
    private int? _year;
    private int? _month;
    private int? _day;
    private string? _mobile;
    private string? _line;
    private string? _district;
    private string? _state;
    private string? _pincode;

    public DemographicsBuilder Flag(DemographicField field, string? received)
    {
        if (_flags.For(field) is null)
        {
            _flags = _flags.With(DemographicFlag.Of(field, received));
        }

        return this;
    }

    public DemographicsBuilder Gender(string? received)
    {
        (_gender, var needsChecking) = DemographicRules.Gender(received);
        return needsChecking ? Flag(DemographicField.Gender, received) : this;
    }

    public DemographicsBuilder Gender(Gender gender)
    {
        if (!Enum.IsDefined(gender))
        {
            return Gender(gender.ToString());
        }

        _gender = gender;
        return this;
    }

    public DemographicsBuilder BirthDate(int? year, int? month, int? day)
    {
        var (y, m, d) = DemographicRules.BirthDate(year, month, day, currentYear);
        (_year, _month, _day) = (y.Value, m.Value, d.Value);
        return FlagIf(y.NeedsChecking, DemographicField.YearOfBirth, year)
            .FlagIf(m.NeedsChecking, DemographicField.MonthOfBirth, month)
            .FlagIf(d.NeedsChecking, DemographicField.DayOfBirth, day);
    }

    public DemographicsBuilder Mobile(string? received) =>
        Take(DemographicRules.Mobile(received), DemographicField.Mobile, received, value => _mobile = value);

    public DemographicsBuilder Address(string? line, string? district, string? state) =>
        Take(DemographicRules.Text(line, DemographicRules.AddressLineMaxLength), DemographicField.AddressLine, line, value => _line = value)
            .Take(DemographicRules.Text(district, DemographicRules.DistrictMaxLength), DemographicField.District, district, value => _district = value)
            .Take(DemographicRules.Text(state, DemographicRules.StateMaxLength), DemographicField.State, state, value => _state = value);

    public DemographicsBuilder Pincode(string? received) =>
        Take(DemographicRules.Pincode(received), DemographicField.Pincode, received, value => _pincode = value);

    /// <summary>The details; the name must already have passed <see cref="DemographicRules.NameProblem"/>.</summary>
    public PatientDemographics Build(string name) =>
        new((name ?? "").Trim(), _gender, _year, _month, _day, _mobile, _line, _district, _state, _pincode) { Flags = _flags };

    private DemographicsBuilder Take(Checked<string?> result, DemographicField field, string? received, Action<string?> set)
    {
        set(result.Value);
        return result.NeedsChecking ? Flag(field, received) : this;
    }

    private DemographicsBuilder FlagIf(bool needsChecking, DemographicField field, int? received) =>
        needsChecking ? Flag(field, received?.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;
}
