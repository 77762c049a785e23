using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using ScanShare.Core.Data;

namespace ScanShare.Web.Counters;

public sealed record CounterQrTarget(string FacilityName, string HipId, string CounterCode, string CounterName, string QueueName, string ShareLink);

/// <summary>The ABDM share-profile link each counter's QR code carries, and its rendering.</summary>
public sealed class CounterQrCodes(IOptions<QrOptions> options, ScanShareDbContext db)
{
    public static string ShareLink(string baseUrl, string hipId, string counterCode) =>
        $"{baseUrl}?hip-id={Uri.EscapeDataString(hipId)}&counter-id={Uri.EscapeDataString(counterCode)}";

    public async Task<CounterQrTarget?> FindAsync(string hipId, string counterCode, CancellationToken cancellationToken = default)
    {
        var found = await db.Counters.AsNoTracking()
            .Where(c => c.Code == counterCode && c.IsActive)
            .Join(db.Facilities.Where(f => f.HipId == hipId), c => c.FacilityId, f => f.Id, (c, f) => new { Facility = f.Name, f.HipId, c.Code, c.Name, Queue = c.Queue!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new CounterQrTarget(found.Facility, found.HipId, found.Code, found.Name, found.Queue, ShareLink(options.Value.ShareProfileBaseUrl, found.HipId, found.Code));
    }

    // Level Q survives a poster that is scuffed or partly in shadow.
    public static string Svg(string link) => new SvgQRCode(Data(link)).GetGraphic(10);

    public static byte[] Png(string link) => new PngByteQRCode(Data(link)).GetGraphic(20);

    private static QRCodeData Data(string link)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
    }
}
