using Styx.EndToEnd.Tests.Support;
using System.Net;
using Styx.Ssh.Authentication;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Server;

namespace Styx.Ssh.Tests.Support;

/// <summary>A Styx.Ssh server on a free loopback port with a fresh host key, its known_hosts files, and user keys made with ssh-keygen.</summary>
internal sealed class TestServer : IAsyncDisposable, IUserAuthenticator
{
    private readonly HashSet<string> _authorized = [];

    private TestServer(string directory, Ed25519HostKey hostKey, SshServer server, ListLogger<SshServer> log, TestHandler handler)
    {
        Log = log;
        Handler = handler;
        Directory = directory;
        HostKey = hostKey;
        Server = server;
    }

    public string Directory { get; }

    public Ed25519HostKey HostKey { get; }

    /// <summary>Everything the server logged.</summary>
    public ListLogger<SshServer> Log { get; }

    public SshServer Server { get; private set; }

    /// <summary>The sessions' host (tests count the ones waiting for a stop).</summary>
    public TestHandler Handler { get; }

    public int Port => Server.LocalEndPoint.Port;

    public string KnownHosts => Path.Combine(Directory, "known_hosts");

    public string HostKeyLine => "ssh-ed25519 " + Convert.ToBase64String(HostKey.PublicKeyBlob.Span);

    /// <param name="random">Picks which unauthenticated connection a full server drops (tests script it).</param>
    /// <param name="observer">Told of refused authentication attempts.</param>
    /// <param name="handshakes">Told how each handshake went.</param>
    public static async Task<TestServer> StartAsync(Func<SshServerOptions, SshServerOptions>? configure = null, Random? random = null, IAuthenticationObserver? observer = null, IHandshakeObserver? handshakes = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "styx-ssh-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var hostKeyPath = Path.Combine(directory, "host_ed25519");
        var (hostKey, _) = OpenSshKeyFile.LoadOrCreate(hostKeyPath);
        var options = new SshServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) };
        options = configure?.Invoke(options) ?? options;
        TestServer? test = null;
        var log = new ListLogger<SshServer>();
        var handler = new TestHandler();
        var server = new SshServer(options, hostKey, new DeferredAuthenticator(() => test!), handler, TimeProvider.System, log, observer, random ?? new Random())
        {
            HandshakeObserver = handshakes,
        };
        test = new TestServer(directory, hostKey, server, log, handler);
        server.Start();
        await File.WriteAllTextAsync(test.KnownHosts, $"[127.0.0.1]:{test.Port} {test.HostKeyLine}\n");
        return test;
    }

    /// <summary>Generates a user key with ssh-keygen (type ed25519, ecdsa or rsa) and authorizes it.</summary>
    public async Task<string> CreateUserKeyAsync(string type, bool authorize = true)
    {
        var path = Path.Combine(Directory, $"id_{type}_{Guid.NewGuid().ToString("N")[..6]}");
        var bits = type switch { "ecdsa" => "256", "rsa" => "3072", _ => "256" };
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh-keygen", "openssh-client"), ["-q", "-t", type, "-b", bits, "-N", "", "-C", "tester", "-f", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        if (authorize)
        {
            Authorize(await File.ReadAllTextAsync(path + ".pub"));
        }

        return path;
    }

    public void Authorize(string publicKeyLine)
    {
        var parts = publicKeyLine.Trim().Split(' ');
        lock (_authorized)
        {
            _authorized.Add(parts[1]);
        }
    }

    public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken)
    {
        lock (_authorized)
        {
            return ValueTask.FromResult(_authorized.Contains(Convert.ToBase64String(key.Blob)) ? new SshIdentity(userName, key.Fingerprint, null) : null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed class DeferredAuthenticator(Func<IUserAuthenticator> inner) : IUserAuthenticator
    {
        public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken) =>
            inner().AuthorizeAsync(userName, key, remote, cancellationToken);
    }
}
