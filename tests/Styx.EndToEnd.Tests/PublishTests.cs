using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Xunit.Abstractions;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 14 item 3: <c>scripts/publish.sh</c> builds one self-contained file per runtime, stamped with the version it
/// was given. The macOS one cannot run here, so its header and code signature are checked as a Mac would; the Linux
/// one runs: <c>--version</c>, then <c>--demo</c> serving OpenSSH sessions, exec and full screen.
/// </summary>
public sealed class PublishTests(PublishedStyx published, ITestOutputHelper output) : IClassFixture<PublishedStyx>
{
    private const string Linux = "linux-x64";

    [Fact]
    public void Publish_DefaultRuntimes_SucceedsAndNamesTheVersion()
    {
        AssertPublished();
        output.WriteLine($"scripts/publish.sh took {published.Elapsed.TotalSeconds:0} s:\n{published.Result.Stdout}");
        foreach (var runtime in PublishedStyx.DefaultRuntimes)
        {
            Assert.Contains($"{runtime}: {published.Binary(runtime)} (", published.Result.Stdout, StringComparison.Ordinal);
        }

        Assert.EndsWith($"styx-tui {PublishedStyx.Version}\n", published.Result.Stdout, StringComparison.Ordinal);
        // One to two minutes cold on 2 cores beside other builds; a budget that only a publish gone wrong (say,
        // trimming or native AOT switched on) would exceed.
        Assert.True(published.Elapsed < TimeSpan.FromMinutes(10), $"publishing took {published.Elapsed}");
    }

    [Theory]
    [InlineData("osx-arm64")]
    [InlineData("linux-x64")]
    public async Task Publish_EachRuntime_ExecutableAndATarballOfJustItWithItsChecksum(string runtime)
    {
        AssertPublished();
        var binary = published.Binary(runtime);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"{binary} is not executable");
        }

        var tarball = published.Tarball(runtime);
        var listed = await ProcessRunner.RunAsync(RequiredTool.Path("tar", "tar"), ["-tzf", tarball]);
        Assert.Equal("styx-tui\n", listed.Stdout);
        var extracted = Directory.CreateTempSubdirectory("styx-e2e-untar-").FullName;
        try
        {
            var untar = await ProcessRunner.RunAsync(RequiredTool.Path("tar", "tar"), ["-xzf", tarball, "-C", extracted]);
            Assert.True(untar.ExitCode == 0, untar.Stderr);
            Assert.Equal(Sha256(binary), Sha256(Path.Combine(extracted, "styx-tui")));
        }
        finally
        {
            Directory.Delete(extracted, recursive: true);
        }

        // sha256sum's own format, so `sha256sum -c` (and an operator's eye) can check a download.
        var name = Path.GetFileName(tarball);
        Assert.Equal($"{Sha256(tarball)}  {name}\n", await File.ReadAllTextAsync(tarball + ".sha256"));
        var check = await ProcessRunner.RunAsync("env", ["-C", published.OutputDirectory, RequiredTool.Path("sha256sum", "coreutils"), "-c", name + ".sha256"]);
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
    }

    [Fact]
    public void Publish_LeavesTheSourceTreesObjAndBinAlone()
    {
        AssertPublished();
        Assert.Contains(published.SourceTreeBefore, f => f.StartsWith(Path.Combine("src", "Styx.Tui", "obj", "project.assets.json"), StringComparison.Ordinal));
        var changed = published.SourceTreeBefore.Except(published.SourceTreeAfter).Select(f => "- " + f)
            .Concat(published.SourceTreeAfter.Except(published.SourceTreeBefore).Select(f => "+ " + f)).ToList();
        Assert.True(changed.Count == 0, $"the publish changed {changed.Count} build files of the source tree:\n" + string.Join('\n', changed.Take(20)));
    }

    [Fact]
    public void OsxArm64_IsAnArm64MachOExecutableSignedAdHocOverTheWholeFile()
    {
        AssertPublished();
        var image = MachOExecutable.Read(published.Binary("osx-arm64"));
        Assert.Equal(MachOExecutable.Magic64.ToString("X8", CultureInfo.InvariantCulture), image.Magic.ToString("X8", CultureInfo.InvariantCulture));
        Assert.Equal(MachOExecutable.CpuTypeArm64.ToString("X8", CultureInfo.InvariantCulture), image.CpuType.ToString("X8", CultureInfo.InvariantCulture));
        Assert.Equal(MachOExecutable.FileTypeExecute, image.FileType);

        // The SDK signs ad hoc when it bundles for osx, on any host: no `codesign` needed on the Mac. Every page
        // up to the signature must hash as signed, or macOS kills the process at its first page fault.
        var signature = image.Signature;
        Assert.NotNull(signature);
        Assert.Equal(MachOExecutable.FlagAdHoc, signature.Flags & MachOExecutable.FlagAdHoc);
        Assert.Equal("styx-tui", signature.Identifier);
        Assert.Equal(signature.SignatureOffset, signature.CodeLimit);
        Assert.Equal((signature.CodeLimit + 4095) / 4096, signature.Pages);
        Assert.Equal(0, signature.MismatchedPages);
    }

    [Fact]
    public async Task LinuxX64_IsAnX8664ElfPrintingTheStampedVersion_EvenWithoutAWritableHome()
    {
        AssertPublished();
        var header = new byte[20];
        await using (var file = File.OpenRead(published.Binary(Linux)))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]);  // ELFCLASS64
        Assert.Equal(1, header[5]);  // little-endian
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18));  // e_machine EM_X86_64

        // Nothing is extracted at start (no native library is bundled), so a HOME that does not exist is no obstacle.
        var version = await ProcessRunner.RunAsync(published.Binary(Linux), ["--version"],
            environment: new Dictionary<string, string> { ["HOME"] = Path.Combine(published.OutputDirectory, "no-such-home") });
        Assert.True(version.ExitCode == 0, version.Stderr);
        Assert.Equal($"styx-tui {PublishedStyx.Version}\n", version.Stdout);
    }

    [Fact]
    public async Task LinuxX64_Demo_ServesExecAndFullScreenSessionsThroughOpenSsh()
    {
        AssertPublished();
        var directory = Directory.CreateTempSubdirectory("styx-e2e-published-").FullName;
        try
        {
            var alice = await UserKey.CreateAsync(directory, "alice");
            var authorizedKeys = Path.Combine(directory, "authorized_keys");
            await File.WriteAllTextAsync(authorizedKeys, alice.AuthorizedLine("operator") + "\n");
            var auditLog = Path.Combine(directory, "audit.jsonl");
            await using var styx = await StyxProcess.StartAsync(
                ["--demo", "--host-key", Path.Combine(directory, "host_ed25519"), "--authorized-keys", authorizedKeys, "--audit-log", auditLog],
                directory: directory, executable: published.Binary(Linux));
            Assert.Contains($"styx-tui {PublishedStyx.Version} on ", styx.Output, StringComparison.Ordinal);

            // RFC 4253 §4.2: no '-' in the software version, so the stamped version's dashes travel as underscores.
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync(IPAddress.Loopback, styx.Port);
                using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
                Assert.Equal("SSH-2.0-Styx_0.9.1_3_gabc1234", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));
            }

            var version = await SshAsync(styx, alice, "version");
            Assert.True(version.ExitCode == 0, version.Stderr);
            Assert.Equal($"styx-tui {PublishedStyx.Version}\n", version.Stdout);

            var jobs = await SshAsync(styx, alice, "jobs");
            Assert.True(jobs.ExitCode == 0, jobs.Stderr);
            var names = jobs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
            Assert.Equal("JOB", names[0]);
            Assert.Superset(new HashSet<string> { "web", "api", "worker", "postgres", "nats", "traefik" }, names.ToHashSet());

            // The full-screen app: Terminal.Gui in a single, untrimmed file, with its native TextMate library left out.
            await using (var tmux = await Tmux.StartAsync(
                $"{RequiredTool.Path("ssh", "openssh-client")} -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes -i {alice.PrivateKeyPath} -p {styx.Port} -t alice@127.0.0.1",
                120, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" }))
            {
                var overview = await tmux.WaitForTextAsync("Styx ▸ Overview");
                Assert.Contains("alice (operator)", overview, StringComparison.Ordinal);
                await tmux.SendKeysAsync("q");
                await tmux.WaitForTextAsync("[exit 0]");
            }

            Assert.True(File.Exists(auditLog), "the audit log was not written where --audit-log said");
            Assert.Equal(0, await styx.StopAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<ProcessRunner.Result> SshAsync(StyxProcess styx, UserKey key, string command) =>
        ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"),
        [
            "-F", "/dev/null", "-p", styx.Port.ToString(CultureInfo.InvariantCulture), "-i", key.PrivateKeyPath, "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "alice@127.0.0.1", command,
        ]);

    /// <summary>Every test here is about what the script made; when it failed, its own words say why.</summary>
    private void AssertPublished() =>
        Assert.True(published.Result.ExitCode == 0, $"scripts/publish.sh exited {published.Result.ExitCode}:\n{published.Result.Stdout}\n{published.Result.Stderr}");

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
