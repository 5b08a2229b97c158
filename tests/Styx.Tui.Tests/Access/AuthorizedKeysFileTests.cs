using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Tui.Access;

namespace Styx.Tui.Tests.Access;

public sealed class AuthorizedKeysFileTests : IDisposable
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
    private const string Bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIgae6OunfVrW12FoThuLF36r21r55eSFt3yledSo3Wirb2goJWt7XNEWSG9Q145fMz7G1Ms9jOexzvIdT9//8= bob";

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

    [Fact]
    public void MissingFile_MeansNoKeys()
    {
        using var sut = new AuthorizedKeysFile(Path.Combine(_dir, "none"), NullLogger.Instance, TimeProvider.System, watch: false);
        Assert.Empty(sut.Keys);
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
