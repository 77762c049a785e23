using System.Text;
using QRCoder;

namespace ScanShare.Tests.Support;

/// <summary>
/// A video file Chromium can play as its webcam (<c>--use-file-for-fake-video-capture</c>): a QR code held still in
/// front of the camera, as raw YUV 4:2:0 frames in the Y4M format.
/// </summary>
public static class FakeCameraVideo
{
    private const int Width = 640;
    private const int Height = 480;

    public static string WriteQr(string text)
    {
        using var generator = new QRCodeGenerator();
        var matrix = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M).ModuleMatrix;
        var scale = Math.Min(Width, Height) / matrix.Count;
        var (left, top) = ((Width - matrix.Count * scale) / 2, (Height - matrix.Count * scale) / 2);
        var luma = Enumerable.Repeat((byte)235, Width * Height).ToArray();
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix.Count; column++)
            {
                if (!matrix[row][column])
                {
                    continue;
                }

                for (var y = 0; y < scale; y++)
                {
                    Array.Fill(luma, (byte)16, (top + row * scale + y) * Width + left + column * scale, scale);
                }
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"scanshare-camera-{Guid.NewGuid():N}.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        var chroma = Enumerable.Repeat((byte)128, Width * Height / 2).ToArray();
        for (var frame = 0; frame < 10; frame++)
        {
            file.Write(Encoding.ASCII.GetBytes("FRAME\n"));
            file.Write(luma);
            file.Write(chroma);
        }

        return path;
    }
}
