using System.Text;
using Renci.SshNet;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.Interop;

/// <summary>
/// SSH.NET in process: each offered key exchange, cipher and MAC alone (the only stock client with ML-KEM), each
/// user key type, exec with status, and a pty shell that survives a window change.
/// </summary>
public sealed class SshNetClientTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _key = await _server.CreateUserKeyAsync("ed25519");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SshClient Client(string key, Action<ConnectionInfo>? restrict = null)
    {
        var info = new ConnectionInfo("127.0.0.1", _server.Port, "bob", new PrivateKeyAuthenticationMethod("bob", new PrivateKeyFile(key)))
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
        restrict?.Invoke(info);
        var client = new SshClient(info);
        var expected = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(_server.HostKey.PublicKeyBlob.Span)).TrimEnd('=');
        client.HostKeyReceived += (_, e) => e.CanTrust = e.FingerPrintSHA256 == expected;
        return client;
    }

    private static void Only<T>(IDictionary<string, T> algorithms, string name)
    {
        Assert.True(algorithms.ContainsKey(name), $"SSH.NET does not offer {name}");
        foreach (var other in algorithms.Keys.Where(k => k != name).ToList())
        {
            algorithms.Remove(other);
        }
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256")]
    [InlineData("curve25519-sha256")]
    [InlineData("curve25519-sha256@libssh.org")]
    public void KeyExchange_EachOffered_ConnectsAndRuns(string kex)
    {
        using var client = Client(_key, info => Only(info.KeyExchangeAlgorithms, kex));
        client.Connect();
        // SSH.NET reports both curve25519 names as "curve25519-sha256"; it offered only the one under test.
        Assert.StartsWith(kex.Split('@')[0], client.ConnectionInfo.CurrentKeyExchangeAlgorithm, StringComparison.Ordinal);
        Assert.Equal("hi\n", client.RunCommand("echo hi").Result);
    }

    [Theory]
    [InlineData("chacha20-poly1305@openssh.com", null)]
    [InlineData("aes256-gcm@openssh.com", null)]
    [InlineData("aes128-gcm@openssh.com", null)]
    [InlineData("aes256-ctr", "hmac-sha2-256-etm@openssh.com")]
    [InlineData("aes128-ctr", "hmac-sha2-256-etm@openssh.com")]
    [InlineData("aes256-ctr", "hmac-sha2-512-etm@openssh.com")]
    [InlineData("aes128-ctr", "hmac-sha2-512-etm@openssh.com")]
    public void Cipher_EachOffered_MovesDataIntact(string cipher, string? mac)
    {
        using var client = Client(_key, info =>
        {
            Only(info.Encryptions, cipher);
            if (mac is not null)
            {
                Only(info.HmacAlgorithms, mac);
            }
        });
        client.Connect();
        Assert.Equal(cipher, client.ConnectionInfo.CurrentServerEncryption);
        if (mac is not null)
        {
            Assert.Equal(mac, client.ConnectionInfo.CurrentServerHmacAlgorithm);
        }

        using var command = client.RunCommand("big64 300000");
        Assert.Equal(Convert.ToBase64String(TestHandler.Pattern(300000)) + "\n", command.Result);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Exec_EachUserKeyType_OutputAndExitStatus(string type)
    {
        var key = await _server.CreateUserKeyAsync(type);
        using var client = Client(key);
        client.Connect();
        using var command = client.RunCommand("exit 3");
        Assert.Equal(3, command.ExitStatus);
        using var whoami = client.RunCommand("whoami");
        Assert.StartsWith("bob SHA256:", whoami.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_WithPty_SurvivesWindowChange()
    {
        using var client = Client(_key);
        client.Connect();
        using var shell = client.CreateShellStream("xterm-256color", 100, 30, 0, 0, 4096);
        using var closed = new ManualResetEventSlim();
        shell.Closed += (_, _) => closed.Set();
        Assert.NotNull(shell.Expect("ready 100x30", TimeSpan.FromSeconds(10)));
        shell.ChangeWindowSize(120, 40, 0, 0);
        Assert.NotNull(shell.Expect("size 120x40", TimeSpan.FromSeconds(10)));
        shell.WriteLine("still here");
        Assert.NotNull(shell.Expect("echo:still here", TimeSpan.FromSeconds(10)));
        shell.WriteLine("exit");
        Assert.NotNull(shell.Expect("bye", TimeSpan.FromSeconds(10)));
        // The server closes the channel after the shell ends. Waiting for that before disposing also keeps clear of an
        // SSH.NET deadlock: its Dispose and its handling of a CLOSE arriving at the same moment lock each other out
        // (seen once in a full run: ShellStream.Dispose and Session.OnChannelCloseReceived both in Channel.Close).
        Assert.True(closed.Wait(TimeSpan.FromSeconds(10)), "the server did not close the channel after exit");
    }
}
