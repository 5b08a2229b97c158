using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Styx.Ssh.Tests.Support;

namespace Styx.EndToEnd.Tests.Support;

/// <summary>
/// <c>scripts/publish.sh</c> run once for a test class, as an operator runs it: both default runtimes, into a scratch
/// directory, with a version of <c>git describe</c>'s shape. Also notes what the source tree's <c>obj/</c> and
/// <c>bin/</c> held before and after, since a publish must never touch them (tests and builds share them).
/// </summary>
public sealed class PublishedStyx : IAsyncLifetime
{
    /// <summary>Dashes and a <c>g</c>-prefixed commit, as <c>git describe</c> prints after a tag.</summary>
    public const string Version = "0.9.1-3-gabc1234";

    public static readonly string[] DefaultRuntimes = ["osx-arm64", "linux-x64"];

    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("styx-e2e-publish-").FullName;

    internal ProcessRunner.Result Result { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyList<string> SourceTreeBefore { get; private set; } = [];

    public IReadOnlyList<string> SourceTreeAfter { get; private set; } = [];

    public static string RepositoryRoot { get; } = Path.GetFullPath(
        typeof(PublishedStyx).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    public string Binary(string runtime) => Path.Combine(OutputDirectory, runtime, "styx-tui");

    public string Tarball(string runtime) => Path.Combine(OutputDirectory, $"styx-tui-{Version}-{runtime}.tar.gz");

    public async Task InitializeAsync()
    {
        SourceTreeBefore = SourceTreeBuildFiles();
        var clock = Stopwatch.StartNew();
        // A cold publish (nothing restored or compiled yet for either runtime) takes one to two minutes on 2 cores.
        // It yields the CPU to the test classes running beside it (nice, and the compiler in its own niced process
        // rather than a shared compiler server, which would also outlive the test).
        Result = await ProcessRunner.RunAsync(RequiredTool.Path("nice", "coreutils"),
            ["-n", "10", RequiredTool.Path("bash", "bash"), Path.Combine(RepositoryRoot, "scripts", "publish.sh"), "--out", OutputDirectory, "--version", Version],
            environment: new Dictionary<string, string> { ["UseSharedCompilation"] = "false" },
            timeout: TimeSpan.FromMinutes(15));
        Elapsed = clock.Elapsed;
        SourceTreeAfter = SourceTreeBuildFiles();
    }

    /// <summary>
    /// Every file under <c>src/*/obj</c> and <c>src/*/bin</c>, with the content hash of each <c>project.assets.json</c>:
    /// a RID-specific restore rewrites that file, and a RID-specific build or publish adds <c>&lt;rid&gt;/</c> folders.
    /// Other files' times are left out: a test run that builds first may touch them, with no harm done.
    /// </summary>
    private static List<string> SourceTreeBuildFiles()
    {
        var files = new List<string>();
        foreach (var project in Directory.GetDirectories(Path.Combine(RepositoryRoot, "src")))
        {
            foreach (var folder in new[] { "obj", "bin" }.Select(f => Path.Combine(project, f)).Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(RepositoryRoot, file);
                    files.Add(Path.GetFileName(file) == "project.assets.json"
                        ? $"{relative} sha256:{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}"
                        : relative);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
