namespace ScanShare.Web.Counters;

/// <summary>Section <c>Abdm:Qr</c>: where the counter QR codes send the ABHA app.</summary>
public sealed class QrOptions
{
    public const string Section = "Abdm:Qr";

    /// <summary>The ABDM share-profile page: sandbox by default, <c>https://phr.abdm.gov.in/share-profile</c> in production.</summary>
    public string ShareProfileBaseUrl { get; set; } = "https://phrsbx.abdm.gov.in/share-profile";
}
