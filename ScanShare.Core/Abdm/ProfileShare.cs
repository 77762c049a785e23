using ScanShare.Core.Patients;

namespace ScanShare.Core.Abdm;

public enum ShareProtocol
{
    V3,
    V1,
    V05,
}

/// <summary>A patient's profile shared at a counter, whatever protocol generation it came in.</summary>
public sealed record ProfileShare(
    ShareProtocol Protocol,
    Guid RequestId,
    string HipId,
    string CounterCode,
    SharedPatient Patient);

/// <summary>Who the patient is (their ABHA number, address or both) and what the share says about them.</summary>
public sealed record SharedPatient(string? AbhaNumber, string? AbhaAddress, PatientDemographics Demographics);
