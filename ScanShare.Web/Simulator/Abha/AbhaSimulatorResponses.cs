using System.Globalization;
using System.Text.Json.Nodes;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>The simulated ABHA service's answers, in the shapes of ABHA v3.</summary>
public static class AbhaSimulatorResponses
{
    /// <summary>An ABDM error wrapped as <c>{"error": {"code", "message"}}</c>.</summary>
    public static IResult Error(int status, string code, string message) => TypedResults.Json(new { error = new { code, message } }, statusCode: status);

    /// <summary>Field validation: each field named with its message, and a timestamp; always 400.</summary>
    public static IResult Fields(params (string Field, string Message)[] fields)
    {
        var body = fields.ToDictionary(f => f.Field, f => f.Message);
        body["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return TypedResults.Json(body, statusCode: StatusCodes.Status400BadRequest);
    }

    public static IResult Verified(string txnId, IReadOnlyList<SimulatedAbhaAccount> accounts, string token) => TypedResults.Ok(new
    {
        txnId,
        authResult = "success",
        message = "OTP verified successfully",
        token,
        expiresIn = 1800,
        refreshToken = Guid.NewGuid().ToString(),
        refreshExpiresIn = 1296000,
        accounts = accounts.Select(a => new JsonObject
        {
            // The service spells this key in capitals; the app's camel-case JSON would not.
            ["ABHANumber"] = a.AbhaNumber,
            ["preferredAbhaAddress"] = a.AbhaAddress,
            ["name"] = a.Name,
            ["gender"] = a.Gender,
            ["dob"] = Date(a),
            ["status"] = "ACTIVE",
            ["profilePhoto"] = "",
            ["kycVerified"] = true,
        }),
    });

    public static IResult PhrVerified(SimulatedAbhaAccount a, string token) => TypedResults.Ok(new
    {
        message = "OTP verified successfully",
        authResult = "success",
        users = new[] { new { abhaAddress = a.AbhaAddress, fullName = a.Name, abhaNumber = a.AbhaNumber, status = "ACTIVE", kycStatus = "VERIFIED" } },
        tokens = new { token, expiresIn = 1800, refreshToken = Guid.NewGuid().ToString(), refreshExpiresIn = 1296000 },
    });

    /// <summary>The <c>profile/account</c> answer.</summary>
    public static object Account(SimulatedAbhaAccount a)
    {
        var names = a.Name.Split(' ');
        return new JsonObject
        {
            ["ABHANumber"] = a.AbhaNumber,
            ["preferredAbhaAddress"] = a.AbhaAddress,
            ["mobile"] = a.Mobile,
            ["firstName"] = names[0],
            ["middleName"] = names.Length > 2 ? string.Join(' ', names[1..^1]) : "",
            ["lastName"] = names.Length > 1 ? names[^1] : "",
            ["name"] = a.Name,
            ["yearOfBirth"] = a.YearOfBirth.ToString(CultureInfo.InvariantCulture),
            ["monthOfBirth"] = a.MonthOfBirth == 0 ? "" : a.MonthOfBirth.ToString("00", CultureInfo.InvariantCulture),
            ["dayOfBirth"] = a.DayOfBirth == 0 ? "" : a.DayOfBirth.ToString("00", CultureInfo.InvariantCulture),
            ["gender"] = a.Gender,
            ["status"] = "ACTIVE",
            ["stateCode"] = a.StateLgd,
            ["districtCode"] = a.DistrictLgd,
            ["pincode"] = a.Pincode,
            ["address"] = a.Address,
            ["stateName"] = a.State,
            ["districtName"] = a.District,
            ["authMethods"] = new JsonArray("AADHAAR_OTP", "MOBILE_OTP"),
            ["kycVerified"] = true,
        };
    }

    /// <summary>The <c>phr/web/login/profile/abha-profile</c> answer after an ABHA address login.</summary>
    public static object PhrProfile(SimulatedAbhaAccount a) => new
    {
        abhaAddress = a.AbhaAddress,
        fullName = a.Name,
        abhaNumber = a.AbhaNumber,
        gender = a.Gender,
        yearOfBirth = a.YearOfBirth.ToString(CultureInfo.InvariantCulture),
        monthOfBirth = a.MonthOfBirth == 0 ? "" : a.MonthOfBirth.ToString(CultureInfo.InvariantCulture),
        dayOfBirth = a.DayOfBirth == 0 ? "" : a.DayOfBirth.ToString(CultureInfo.InvariantCulture),
        mobile = a.Mobile,
        address = a.Address,
        stateName = a.State,
        districtName = a.District,
        pinCode = a.Pincode,
        stateCode = a.StateLgd,
        districtCode = a.DistrictLgd,
    };

    private static string Date(SimulatedAbhaAccount a) =>
        a.MonthOfBirth == 0 ? a.YearOfBirth.ToString(CultureInfo.InvariantCulture) : $"{Math.Max(1, a.DayOfBirth):00}-{a.MonthOfBirth:00}-{a.YearOfBirth}";
}
