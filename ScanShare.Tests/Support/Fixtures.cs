namespace ScanShare.Tests.Support;

/// <summary>The sample protocol payloads under Fixtures/, copied next to the tests.</summary>
public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "abdm", name));

    public static byte[] Bytes(string name) => System.Text.Encoding.UTF8.GetBytes(Read(name));
}
