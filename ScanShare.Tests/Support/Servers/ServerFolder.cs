using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScanShare.Tests.Support.Servers;

/// <summary>The temp folder of one throwaway server, held by this test process for as long as the server runs.</summary>
internal sealed class ServerFolder : IDisposable
{
    private const string OwnerFile = "owner.lock";
    private const UnixFileMode ReadableByAll =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // Like /tmp itself, so test runs of other users can make their folders beside ours but not remove them.
    private const UnixFileMode SharedByAll = ReadableByAll | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit;

    // When the tests run as root, PostgreSQL runs as its own user, which cannot reach root's temp folder if TMPDIR points there.
    private static readonly string _root =
        System.IO.Path.Combine(Environment.IsPrivilegedProcess ? "/tmp" : System.IO.Path.GetTempPath(), "scanshare-servers");

    private readonly FileStream _owner;
    private readonly Process _watchdog;

    private ServerFolder(string path, FileStream owner, Process watchdog)
    {
        Path = path;
        _owner = owner;
        _watchdog = watchdog;
    }

    public string Path { get; }

    /// <param name="stop">The command that stops the server when this process ends before stopping it itself.</param>
    public static ServerFolder Create(string kind, Func<string, IEnumerable<string>>? stop = null)
    {
        var path = System.IO.Path.Combine(_root, $"{kind}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, ReadableByAll);
            if (File.GetUnixFileMode(_root) != SharedByAll)
            {
                File.SetUnixFileMode(_root, SharedByAll);
            }
        }

        // An exclusive lock the kernel drops when this process dies, however it dies: that is how a later run tells an orphan.
        var owner = new FileStream(System.IO.Path.Combine(path, OwnerFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new ServerFolder(path, owner, StartWatchdog(path, stop?.Invoke(path) ?? []));
    }

    // ProcessExit handlers get little time (the test runner kills its test host soon after the last test) and none at all
    // when the host is killed. The watchdog waits on a pipe only this process holds open; the kernel closes it however we end.
    private static Process StartWatchdog(string path, IEnumerable<string> stop)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        string[] arguments =
        [
            "-c", """read _; folder=$1; shift; [ $# -gt 0 ] && "$@" >/dev/null 2>&1; rm -rf "$folder" """,
            "sh", path, .. stop,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Folders of servers whose test process was killed together with its watchdogs (a whole process tree, say).</summary>
    public static IEnumerable<string> Orphans(string kind)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateDirectories(_root, kind + "-*"))
        {
            var ownerFile = System.IO.Path.Combine(path, OwnerFile);
            if (!File.Exists(ownerFile))
            {
                continue;
            }

            try
            {
                using var probe = new FileStream(ownerFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return path;
        }
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another test process cleaning the same orphan, or a file still held: the next run's sweep removes it.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_watchdog.HasExited)
        {
            _watchdog.Kill();
        }

        _watchdog.Dispose();
        _owner.Dispose();
        Delete(Path);
    }
}
