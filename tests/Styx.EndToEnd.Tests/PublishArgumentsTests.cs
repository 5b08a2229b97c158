using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// <c>scripts/publish.sh</c> refuses bad arguments before building anything: exit status 2 and one line naming the
/// argument and what to write instead.
/// </summary>
public sealed class PublishArgumentsTests
{
    [Theory]
    [InlineData(new[] { "--version", "1.0 beta" }, "--version '1.0 beta' must be 1-64 letters, digits")]
    [InlineData(new[] { "--version", "../../etc" }, "--version '../../etc' must be")]
    [InlineData(new[] { "--version" }, "--version needs a version")]
    [InlineData(new[] { "--rid", "--version", "1.0" }, "--rid needs a runtime identifier")]
    [InlineData(new[] { "--rid", "Linux_X64" }, "--rid 'Linux_X64' is not a runtime identifier (e.g. osx-arm64, linux-x64, linux-arm64)")]
    [InlineData(new[] { "--verison", "1.0" }, "unknown argument '--verison' (see --help)")]
    public async Task BadArgument_ExitTwoNamingIt_NothingWritten(string[] arguments, string message)
    {
        var scratch = Directory.CreateTempSubdirectory("styx-e2e-publish-args-").FullName;
        try
        {
            var output = Path.Combine(scratch, "out");
            var result = await ProcessRunner.RunAsync(RequiredTool.Path("bash", "bash"),
                [Path.Combine(PublishedStyx.RepositoryRoot, "scripts", "publish.sh"), "--out", output, .. arguments]);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("publish.sh: " + message, result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(output), "a refused publish created its output directory");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
