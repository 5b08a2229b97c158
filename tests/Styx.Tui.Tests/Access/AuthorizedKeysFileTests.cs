using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.Access;
using Styx.Ssh.Tests.Support;
using Styx.Tui.Access;

namespace Styx.Tui.Tests.Access;

public sealed class AuthorizedKeysFileTests : IDisposable
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
    private const string Bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIgae6OunfVrW12FoThuLF36r21r55eSFt3yledSo3Wirb2goJWt7XNEWSG9Q145fMz7G1Ms9jOexzvIdT9//8= bob";

    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _dir = Directory.CreateTempSubdirectory("styx-keys-").FullName;

    [Fact]
    public async Task FileEdited_WhileWatched_ReloadsRemovedAddedAndChangedRoles()
    {
        var path = Path.Combine(_dir, "authorized_keys");
        await File.WriteAllTextAsync(path, $"role=\"operator\" {Alice}\n");
        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, TimeProvider.System);
        Assert.Equal(Role.Operator, Assert.Single(sut.Keys).Role);

        var reloaded = new SemaphoreSlim(0);
        sut.Reloaded += () => reloaded.Release();
        await File.WriteAllTextAsync(path, $"role=\"admin\" {Bob}\nthis line is garbage\n");

        await WaitUntilAsync(reloaded, () => sut.Keys.Length == 1 && sut.Keys[0].Name == "bob");
        Assert.Equal(Role.Admin, sut.Keys[0].Role);
        Assert.Null(sut.Find(Convert.FromBase64String(Alice.Split(' ')[1])));
        Assert.NotNull(sut.Find(Convert.FromBase64String(Bob.Split(' ')[1])));
        Assert.Equal(2, Assert.Single(sut.Errors).LineNumber);
    }

    /// <summary>
    /// Nomad's templates (consul-template's AtomicWrite), like editors that save safely, write the new file beside the
    /// old one and rename(2) it over the path; deploy/styx-tui.nomad relies on this for authorized_keys
    /// (change_mode "noop"). The periodic check is put out of reach, so only the watcher can make this pass.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task NewFileRenamedOverIt_AsNomadTemplatesWrite_ReloadsFromTheWatcher()
    {
        var time = new FakeTimeProvider();
        var path = Path.Combine(_dir, "authorized_keys");
        await File.WriteAllTextAsync(path, $"role=\"operator\" {Alice}\n");
        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, time, checkInterval: TimeSpan.FromDays(1));
        var reloaded = new SemaphoreSlim(0);
        sut.Reloaded += () => reloaded.Release();

        // consul-template's temporary file: a random name in the same directory, written, synced, chmod-ed, renamed.
        var staged = Path.Combine(_dir, "3512476689");
        await File.WriteAllTextAsync(staged, $"role=\"admin\" {Bob}\n");
        File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(staged, path, overwrite: true);

        await AdvanceUntilAsync(time, reloaded, () => sut.Keys is [{ Name: "bob" }]);
        Assert.Equal(Role.Admin, sut.Keys[0].Role);
    }

    [Fact]
    public void MissingFile_MeansNoKeys()
    {
        using var sut = new AuthorizedKeysFile(Path.Combine(_dir, "none"), NullLogger.Instance, TimeProvider.System, watch: false);
        Assert.Empty(sut.Keys);
    }

    /// <summary>
    /// Kubernetes secret and config-map volumes (and tools that copy their layout) publish a new version by writing a
    /// new directory and atomically re-pointing the <c>..data</c> symlink; <c>authorized_keys</c> itself is a symlink
    /// to <c>..data/authorized_keys</c> and never changes, so a watcher filtered on its name sees nothing.
    /// </summary>
    [Fact]
    public async Task SymlinkSwap_SameDirectory_Reloads()
    {
        var time = new FakeTimeProvider();
        var path = Path.Combine(_dir, "authorized_keys");
        await PublishVersionAsync(_dir, "..2026_01_01", $"role=\"operator\" {Alice}\n");
        File.CreateSymbolicLink(path, Path.Combine("..data", "authorized_keys"));
        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, time);
        Assert.Equal("alice@laptop", Assert.Single(sut.Keys).Name);

        var reloaded = new SemaphoreSlim(0);
        sut.Reloaded += () => reloaded.Release();
        await PublishVersionAsync(_dir, "..2026_01_02", $"role=\"admin\" {Bob}\n");

        await AdvanceUntilAsync(time, reloaded, () => sut.Keys is [{ Name: "bob" }]);
        Assert.Equal(Role.Admin, sut.Keys[0].Role);
    }

    /// <summary>The same swap where the link points into another directory (a volume mounted elsewhere): no watcher
    /// on the keys directory sees it, so only the periodic check on the resolved target can.</summary>
    [Fact]
    public async Task SymlinkSwap_TargetInAnotherDirectory_ReloadsOnThePeriodicCheck()
    {
        var time = new FakeTimeProvider();
        var secrets = Directory.CreateDirectory(Path.Combine(_dir, "secrets")).FullName;
        var keys = Directory.CreateDirectory(Path.Combine(_dir, "keys")).FullName;
        var path = Path.Combine(keys, "authorized_keys");
        await PublishVersionAsync(secrets, "..v1", $"{Alice}\n");
        File.CreateSymbolicLink(path, Path.Combine(secrets, "..data", "authorized_keys"));
        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, time);
        Assert.Equal("alice@laptop", Assert.Single(sut.Keys).Name);

        var reloaded = new SemaphoreSlim(0);
        sut.Reloaded += () => reloaded.Release();
        await PublishVersionAsync(secrets, "..v2", $"{Alice}\n{Bob}\n");

        await AdvanceUntilAsync(time, reloaded, () => sut.Keys.Length == 2);
    }

    [Fact]
    public void PeriodicCheck_FileUnchanged_DoesNotReload()
    {
        var time = new FakeTimeProvider();
        var path = Path.Combine(_dir, "authorized_keys");
        File.WriteAllText(path, Alice + "\n");
        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, time);
        var reloads = 0;
        sut.Reloaded += () => Interlocked.Increment(ref reloads);

        time.Advance(AuthorizedKeysFile.DefaultCheckInterval * 3);

        Assert.Equal(0, reloads);
        Assert.Single(sut.Keys);
    }

    /// <summary>StrictModes (issue 10, item 9): whoever can write the keys file can give themselves a login.</summary>
    [UnsupportedOSPlatform("windows")]
    [Theory]
    [InlineData(UnixFileMode.GroupWrite, "0664", "its group")]
    [InlineData(UnixFileMode.OtherWrite, "0646", "everyone")]
    [InlineData(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite, "0666", "its group and everyone")]
    public void WritableByOthers_AtStart_RefusedNamingFileModeAndChmod(UnixFileMode extra, string mode, string who)
    {
        var path = Path.Combine(_dir, "authorized_keys");
        File.WriteAllText(path, Alice + "\n");
        File.SetUnixFileMode(path, ReadableByAll | extra);

        var error = Assert.Throws<InvalidDataException>(() => new AuthorizedKeysFile(path, NullLogger.Instance, TimeProvider.System, watch: false));

        Assert.Equal($"{path} has mode {mode}: {who} can write it, so another user could add a login key; refused (StrictModes). Fix it with: chmod go-w {path}", error.Message);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void WritableByOthers_ThroughASymlink_IsRefused()
    {
        var target = Path.Combine(_dir, "real_keys");
        File.WriteAllText(target, Alice + "\n");
        File.SetUnixFileMode(target, ReadableByAll | UnixFileMode.GroupWrite);
        var path = Path.Combine(_dir, "authorized_keys");
        File.CreateSymbolicLink(path, "real_keys");

        var error = Assert.Throws<InvalidDataException>(() => new AuthorizedKeysFile(path, NullLogger.Instance, TimeProvider.System, watch: false));
        Assert.Contains("mode 0664", error.Message, StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task BecomesWritableByOthersWhileRunning_KeepsTheLastGoodKeysLogsTheErrorThenAppliesTheFix()
    {
        var time = new FakeTimeProvider();
        var path = Path.Combine(_dir, "authorized_keys");
        await File.WriteAllTextAsync(path, Alice + "\n");
        var log = new ListLogger<AuthorizedKeysFile>();
        using var sut = new AuthorizedKeysFile(path, log, time);
        var refused = new SemaphoreSlim(0);
        var reloaded = new SemaphoreSlim(0);
        var refusals = new List<string>();
        sut.Refused += message =>
        {
            lock (refusals)
            {
                refusals.Add(message);
            }

            refused.Release();
        };
        sut.Reloaded += () => reloaded.Release();

        // Someone in the group adds their key and leaves the file group-writable.
        await File.WriteAllTextAsync(path, $"{Alice}\n{Bob}\n");
        File.SetUnixFileMode(path, ReadableByAll | UnixFileMode.GroupWrite);
        await AdvanceUntilAsync(time, refused, () => log.Lines.Any(l => l.Contains("chmod go-w", StringComparison.Ordinal)));

        Assert.Equal("alice@laptop", Assert.Single(sut.Keys).Name);
        Assert.Contains(log.Lines, l => l == $"{path} has mode 0664: its group can write it, so another user could add a login key; refused (StrictModes). Fix it with: chmod go-w {path}; keeping the 1 keys read before");
        time.Advance(AuthorizedKeysFile.DefaultCheckInterval * 3);
        lock (refusals)
        {
            Assert.Single(refusals);
        }

        // The operator runs the chmod from the message: the file is now applied as it is.
        File.SetUnixFileMode(path, ReadableByAll);
        await AdvanceUntilAsync(time, reloaded, () => sut.Keys.Length == 2);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void ReadableByAll_IsAccepted()
    {
        var path = Path.Combine(_dir, "authorized_keys");
        File.WriteAllText(path, Alice + "\n");
        File.SetUnixFileMode(path, ReadableByAll);

        using var sut = new AuthorizedKeysFile(path, NullLogger.Instance, TimeProvider.System, watch: false);
        Assert.Single(sut.Keys);
    }

    /// <summary>Writes <paramref name="text"/> into a new version directory and re-points <c>..data</c> at it by
    /// renaming a fresh symlink over the old one (rename(2) is atomic), as kubelet's AtomicWriter does.</summary>
    private static async Task PublishVersionAsync(string directory, string version, string text)
    {
        Directory.CreateDirectory(Path.Combine(directory, version));
        await File.WriteAllTextAsync(Path.Combine(directory, version, "authorized_keys"), text);
        var staged = Path.Combine(directory, "..data_tmp");
        File.CreateSymbolicLink(staged, version);
        // mv -T is rename(2) of the link itself; File.Move and Directory.Move refuse a symlink to a directory.
        var moved = await ProcessRunner.RunAsync("mv", ["-T", staged, Path.Combine(directory, "..data")]);
        Assert.True(moved.ExitCode == 0, moved.Stderr);
    }

    /// <summary>Moves fake time on a second at a time until the condition holds (10 s of real time at most).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, SemaphoreSlim signal, Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the keys file was not reloaded");
            time.Advance(TimeSpan.FromSeconds(1));
            await signal.WaitAsync(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task WaitUntilAsync(SemaphoreSlim signal, Func<bool> condition)
    {
        var deadline = TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < deadline, "the keys file was not reloaded within 10 s");
            await signal.WaitAsync(TimeSpan.FromMilliseconds(500));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
