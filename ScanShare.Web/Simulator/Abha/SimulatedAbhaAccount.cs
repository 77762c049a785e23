using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>An ABHA account the simulated ABHA service holds. Entirely made up.</summary>
public sealed record SimulatedAbhaAccount(
    string AbhaNumber,
    string AbhaAddress,
    string Name,
    string Gender,
    int YearOfBirth,
    int MonthOfBirth,
    int DayOfBirth,
    string Mobile,
    string Aadhaar,
    string Address,
    string District,
    string State,
    string Pincode,
    string StateLgd,
    string DistrictLgd)
{
    public string DateOfBirth => MonthOfBirth == 0
        ? YearOfBirth.ToString(CultureInfo.InvariantCulture)
        : $"{(DayOfBirth == 0 ? "xx" : DayOfBirth.ToString(CultureInfo.InvariantCulture))}/{MonthOfBirth}/{YearOfBirth}";

    /// <summary>What the QR on the printed ABHA card carries.</summary>
    public string CardQr() => new JsonObject
    {
        ["hidn"] = AbhaNumber,
        ["hid"] = AbhaAddress,
        ["name"] = Name,
        ["gender"] = Gender,
        ["statelgd"] = StateLgd,
        ["distlgd"] = DistrictLgd,
        ["dob"] = DateOfBirth,
        ["address"] = Address,
        ["district_name"] = District,
        ["mobile"] = Mobile,
        ["state name"] = State,
    }.ToJsonString(JsonSerializerOptions.Web);

    /// <summary>What the QR in the ABHA app's profile carries: <c>phr</c> for the address, other spellings.</summary>
    public string AppQr(bool numberLinked = true) => new JsonObject
    {
        ["hidn"] = numberLinked ? AbhaNumber : "-",
        ["phr"] = AbhaAddress,
        ["name"] = Name,
        ["gender"] = Gender,
        ["dob"] = DateOfBirth,
        ["mobile"] = Mobile,
        ["address"] = Address,
        ["dist name"] = District,
        ["state_name"] = State,
        ["statelgd"] = StateLgd,
        ["distlgd"] = DistrictLgd,
    }.ToJsonString(JsonSerializerOptions.Web);

    /// <summary>The mobile as the service shows it in its messages: <c>******3210</c>.</summary>
    public string MaskedMobile => "******" + Mobile[^4..];
}
