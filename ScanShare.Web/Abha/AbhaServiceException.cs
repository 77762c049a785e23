namespace ScanShare.Web.Abha;

/// <summary>What went wrong with an OTP verification, in the terms the clerk acts on.</summary>
public enum AbhaServiceError
{
    /// <summary>The OTP does not match; the patient may try again on the same transaction.</summary>
    WrongOtp,

    /// <summary>The transaction expired or was already used: a new OTP is needed.</summary>
    ExpiredTransaction,

    /// <summary>Too many OTPs or wrong attempts; the service blocks this login for a while.</summary>
    TooManyAttempts,

    /// <summary>No ABHA is known by the number, address, mobile or Aadhaar given.</summary>
    UnknownLoginId,

    /// <summary>The service refused the call for another reason (its message is kept).</summary>
    Refused,

    /// <summary>The service did not answer, or answered with a server error.</summary>
    Unavailable,
}

/// <summary>An answer of the ABHA service that ends the step, with the service's code when it sent one.</summary>
public sealed class AbhaServiceException(AbhaServiceError error, string message, string? code = null) : Exception(message)
{
    public AbhaServiceError Error { get; } = error;

    public string? Code { get; } = code;
}
