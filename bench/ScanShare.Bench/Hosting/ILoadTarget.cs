namespace ScanShare.Bench.Hosting;

/// <summary>A server the load generator can drive: it answers <c>POST /api/v3/hip/patient/share</c>.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    string Name { get; }

    Uri BaseAddress { get; }
}
