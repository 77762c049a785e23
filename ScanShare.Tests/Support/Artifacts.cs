namespace ScanShare.Tests.Support;

/// <summary>Where tests leave files for people to look at: TestResults/ at the repository root.</summary>
public static class Artifacts
{
    public static string Directory(string kind)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ScanShare.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", kind);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
