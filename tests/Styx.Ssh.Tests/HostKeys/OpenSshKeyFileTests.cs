using System.Runtime.Versioning;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.HostKeys;

public sealed class OpenSshKeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("styx-hostkey-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadOrCreate_FirstStart_GeneratesMode0600FileThatSshKeygenReads()
    {
        var path = Path.Combine(_directory, "keys", "host_ed25519");
        var (key, created) = OpenSshKeyFile.LoadOrCreate(path);
        Assert.True(created);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        // OpenSSH's own tool reads the file and derives the same public key and fingerprint.
        var keygen = await ProcessRunner.RunAsync(RequiredTool.Path("ssh-keygen", "openssh-client"), ["-l", "-f", path]);
        Assert.True(keygen.ExitCode == 0, keygen.Stderr);
        Assert.Contains(key.Fingerprint, keygen.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_SecondStart_LoadsTheSameKey()
    {
        var path = Path.Combine(_directory, "host_ed25519");
        var (first, _) = OpenSshKeyFile.LoadOrCreate(path);
        var (second, created) = OpenSshKeyFile.LoadOrCreate(path);
        Assert.False(created);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public async Task Read_KeyMadeBySshKeygen_SameFingerprint()
    {
        var path = Path.Combine(_directory, "made_by_keygen");
        await ProcessRunner.RunAsync(RequiredTool.Path("ssh-keygen", "openssh-client"), ["-q", "-t", "ed25519", "-N", "", "-f", path]);
        var key = OpenSshKeyFile.Read(await File.ReadAllTextAsync(path), path);
        var keygen = await ProcessRunner.RunAsync(RequiredTool.Path("ssh-keygen", "openssh-client"), ["-l", "-f", path + ".pub"]);
        Assert.Contains(key.Fingerprint, keygen.Stdout, StringComparison.Ordinal);
    }

    /// <summary>StrictModes (issue 10, item 9): whoever can write the host key can replace the server's identity.</summary>
    [UnsupportedOSPlatform("windows")]
    [Theory]
    [InlineData(UnixFileMode.GroupWrite, "0620", "its group")]
    [InlineData(UnixFileMode.OtherWrite, "0602", "everyone")]
    [InlineData(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite, "0622", "its group and everyone")]
    public void LoadOrCreate_WritableByOthers_RefusedNamingFileModeAndChmod(UnixFileMode extra, string mode, string who)
    {
        var path = Path.Combine(_directory, "host_ed25519");
        OpenSshKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<InvalidDataException>(() => OpenSshKeyFile.LoadOrCreate(path));

        Assert.Equal($"{path} has mode {mode}: {who} can write it, so another user could replace the server's identity; refused (StrictModes). Fix it with: chmod go-w {path}", error.Message);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void LoadOrCreate_ReadableByGroupButNotWritable_Loads()
    {
        var path = Path.Combine(_directory, "host_ed25519");
        var (first, _) = OpenSshKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal(first.Fingerprint, OpenSshKeyFile.LoadOrCreate(path).Key.Fingerprint);
    }

    [Theory]
    [InlineData("not a key at all", "no BEGIN/END")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!!\n-----END OPENSSH PRIVATE KEY-----\n", "base64")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "corrupt")]
    public void Read_BadFile_ErrorNamesFileAndProblem(string text, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => OpenSshKeyFile.Read(text, "keys/host_ed25519"));
        Assert.StartsWith("keys/host_ed25519: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
