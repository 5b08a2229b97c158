namespace Styx.Deploy.Tests.Support;

/// <summary>The checkout the tests run from: the deploy files are read where they are committed, never copied.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Styx.Tui.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Styx.Tui.sln above {AppContext.BaseDirectory}");
    }
}
