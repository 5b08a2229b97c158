using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Ssh.Authentication;
using Styx.Ssh.Connection;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Transport;
using Styx.Ssh.Transport.KeyExchange;
using Styx.Ssh.Transport.Protection;
using Styx.Ssh.Wire;

namespace Styx.Fuzz;

/// <summary>
/// One fuzz input → one target chosen by its first byte: 0-6 Styx.Ssh, 7 authorized_keys, 8 the exec command line,
/// 9 exec commands, 10 Nomad JSON. Each target's typed errors (protocol errors here, the others' own) are the expected
/// outcome of garbage; any other exception escapes and is a crash for AFL. One harness for all, so one AFL run of the
/// CI time budget shares its time among them as coverage leads it.
/// </summary>
public static class FuzzTargets
{
    private static readonly Ed25519HostKey s_hostKey = new(new byte[32]);

    public const int TargetCount = 12;

    /// <summary>Each target's name, by number, for the corpus summary.</summary>
    public static readonly string[] Names =
    [
        "ssh-transport", "kexinit", "public-key", "pty-req", "userauth", "connection", "protections",
        "authorized_keys", "command-line", "exec", "nomad-json", "loki-json",
    ];

    public static void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var data = input[1..];
        try
        {
            switch (input[0] % TargetCount)
            {
                case 0:
                    Transport(data);
                    break;
                case 1:
                    KexInitMessage.Parse(data);
                    break;
                case 2:
                    PublicKey(data);
                    break;
                case 3:
                    Pty(data);
                    break;
                case 4:
                    UserAuth(data);
                    break;
                case 5:
                    Connection(data);
                    break;
                case 6:
                    Protections(data);
                    break;
                case 7:
                    AuthorizedKeysTarget.Run(data);
                    break;
                case 8:
                    CommandLineTarget.Run(data);
                    break;
                case 9:
                    ExecCommandTarget.Run(data);
                    break;
                case 10:
                    NomadJsonTarget.Run(data);
                    break;
                default:
                    LokiJsonTarget.Run(data);
                    break;
            }
        }
        catch (SshProtocolException)
        {
        }
        catch (SshConnectionClosedException)
        {
        }
    }

    /// <summary>The whole server handshake (version line, packet framing, KEXINIT, KEX init) fed the input as the client's bytes.</summary>
    private static void Transport(byte[] data)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var transport = SshTransport.AcceptAsync(new FuzzInputStream(data), s_hostKey, new SshTransportOptions(), TimeProvider.System, NullLogger.Instance, cancel.Token)
            .GetAwaiter().GetResult();
        while (true)
        {
            transport.ReadPacketAsync(cancel.Token).AsTask().GetAwaiter().GetResult();
        }
    }

    private static void PublicKey(byte[] data)
    {
        var split = Split(data);
        var key = SshPublicKey.Parse(split.ElementAtOrDefault(0) ?? []);
        key.Verify(key.Type == AlgorithmNames.Rsa ? AlgorithmNames.RsaSha256 : key.Type, "data"u8, split.ElementAtOrDefault(1) ?? []);
    }

    private static void Pty(byte[] data)
    {
        var reader = new SshReader(data);
        PtyRequest.Parse(ref reader);
    }

    private static void UserAuth(byte[] data) =>
        UserAuthProtocol.RunAsync(new FakePacketConnection(Split(data)), new AnyKey(), new UserAuthOptions(), null, CancellationToken.None).GetAwaiter().GetResult();

    private static void Connection(byte[] data)
    {
        var service = new SshConnectionService(new FakePacketConnection(Split(data)), new SshIdentity("fuzz", "SHA256:x", null), null, new Quiet(),
            new SshConnectionOptions { KeepAliveInterval = TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance);
        service.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Decoding attacker bytes with every protection: wrong tags must be refused, never throw.</summary>
    private static void Protections(byte[] data)
    {
        if (data.Length < 4)
        {
            return;
        }

        var key = new byte[64];
        PacketProtection[] protections =
        [
            new ChaCha20Poly1305Protection(key),
            new AesGcmProtection(key[..32], key[..12]),
            new AesCtrEtmProtection(key[..16], key[..16], key[..32], System.Security.Cryptography.HashAlgorithmName.SHA256),
        ];
        foreach (var protection in protections)
        {
            protection.DecryptLength(1, data);
            if (data.Length >= protection.TagSize + 4)
            {
                var packet = data[..^protection.TagSize];
                if (protection.Open(1, packet, data.AsSpan(data.Length - protection.TagSize)))
                {
                    throw new InvalidOperationException("a forged tag verified");
                }
            }

            protection.Dispose();
        }
    }

    /// <summary>Splits input into length-prefixed payloads (1-byte length), so mutations keep message boundaries.</summary>
    private static List<byte[]> Split(byte[] data)
    {
        var parts = new List<byte[]>();
        var position = 0;
        while (position < data.Length)
        {
            var length = Math.Min(data[position], data.Length - position - 1);
            parts.Add(data.AsSpan(position + 1, length).ToArray());
            position += 1 + length;
        }

        return parts;
    }

    private sealed class AnyKey : IUserAuthenticator
    {
        public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken) =>
            ValueTask.FromResult<SshIdentity?>(new SshIdentity(userName, key.Fingerprint, null));
    }

    private sealed class Quiet : ISshSessionHandler
    {
        public Task<int> RunAsync(SshSession session, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
