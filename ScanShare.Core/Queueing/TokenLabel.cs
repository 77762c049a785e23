namespace ScanShare.Core.Queueing;

public static class TokenLabel
{
    /// <summary>Prefix and number as patients see it: <c>R-007</c>, <c>R-123</c>, <c>R-1234</c>.</summary>
    public static string Format(string prefix, int number) => $"{prefix}-{number:D3}";
}
