using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScanShare.Core.Facilities;

namespace ScanShare.Web.Display;

public sealed record DisplayTarget(string HipId, DisplaySettings Settings);

/// <summary>The configured waiting-hall screens, and the check of a screen's key.</summary>
public sealed class DisplayDirectory(IOptions<FacilityCatalogSettings> catalog)
{
    public IReadOnlyList<DisplayTarget> All =>
        (catalog.Value.Facilities.Count > 0 ? catalog.Value.Facilities : [DemoFacility.Create()])
            .SelectMany(f => f.Displays.Select(d => new DisplayTarget(f.HipId, d)))
            .ToList();

    /// <summary>The display when the key is right; null for an unknown display or a wrong or missing key alike.</summary>
    public DisplayTarget? Open(string hipId, string displayCode, string? key)
    {
        var target = All.FirstOrDefault(d =>
            string.Equals(d.HipId, hipId, StringComparison.OrdinalIgnoreCase) && string.Equals(d.Settings.Code, displayCode, StringComparison.OrdinalIgnoreCase));
        return target is not null && key is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(target.Settings.Key))
            ? target
            : null;
    }

    public static string Url(DisplayTarget target) =>
        $"/tv/{target.HipId}/{target.Settings.Code}?key={Uri.EscapeDataString(target.Settings.Key)}";
}
