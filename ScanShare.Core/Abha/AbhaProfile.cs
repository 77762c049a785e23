using ScanShare.Core.Patients;

namespace ScanShare.Core.Abha;

/// <summary>Where the desk got a patient's ABHA profile from, and so how far it can be trusted.</summary>
public enum AbhaEvidence
{
    /// <summary>The QR on a printed ABHA card: unsigned, anyone could have printed it.</summary>
    CardQr,

    /// <summary>The QR the ABHA app shows: unsigned as well.</summary>
    AppQr,

    /// <summary>Read from the ABHA service after the patient gave the OTP sent to them.</summary>
    OtpVerified,
}

/// <summary>
/// A patient's ABHA identity and details as the desk received them, by QR or from the ABHA service after an OTP.
/// </summary>
/// <param name="Notes">What in the QR could not be taken and was left out, worded for the clerk.</param>
public sealed record AbhaProfile(
    string? AbhaNumber,
    string? AbhaAddress,
    PatientDemographics Demographics,
    AbhaEvidence Evidence,
    IReadOnlyList<string> Notes)
{
    /// <summary>Only the ABHA service vouches for a profile; a QR is taken on the clerk's word.</summary>
    public bool IsVerified => Evidence == AbhaEvidence.OtpVerified;

    /// <summary>The state and district codes of India's Local Government Directory, when the QR has them.</summary>
    public string? StateLgd { get; init; }

    public string? DistrictLgd { get; init; }
}
