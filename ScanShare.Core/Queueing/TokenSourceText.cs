namespace ScanShare.Core.Queueing;

public static class TokenSourceText
{
    /// <summary>How the patient got the token, as a slip or a screen says it.</summary>
    public static string Describe(this TokenSource source) => source switch
    {
        TokenSource.Scan => "ABHA Scan & Share",
        TokenSource.AbhaQr => "ABHA QR at the desk",
        TokenSource.OtpVerified => "ABHA verified by OTP",
        TokenSource.WalkIn => "Walk-in",
        _ => "Transfer",
    };
}
