using System.Security.Cryptography;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport.KeyExchange;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 §7.1). <see cref="Payload"/> keeps the exact bytes, which the exchange hash needs.</summary>
internal sealed record KexInitMessage(
    string[] KeyExchange,
    string[] HostKey,
    string[] CiphersClientToServer,
    string[] CiphersServerToClient,
    string[] MacsClientToServer,
    string[] MacsServerToClient,
    string[] CompressionClientToServer,
    string[] CompressionServerToClient,
    bool FirstKexPacketFollows,
    byte[] Payload)
{
    /// <summary>Name-lists longer than this are refused (OpenSSH's are under 2 KiB).</summary>
    private const int MaxNameList = 8 * 1024;

    public static KexInitMessage Parse(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span);
        if (reader.ReadByte() != MessageNumber.KexInit)
        {
            throw SshProtocolException.Malformed("expected KEXINIT");
        }

        reader.ReadBytes(16);
        var lists = new string[10][];
        for (var i = 0; i < 10; i++)
        {
            lists[i] = reader.ReadNameList(MaxNameList);
        }

        var follows = reader.ReadBoolean();
        reader.ReadUInt32();
        return new KexInitMessage(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7], follows, payload.ToArray());
    }

    public static KexInitMessage Create(string[] keyExchange, string[] hostKey)
    {
        var writer = new SshWriter(512)
            .WriteByte(MessageNumber.KexInit)
            .WriteBytes(RandomNumberGenerator.GetBytes(16))
            .WriteNameList(keyExchange)
            .WriteNameList(hostKey)
            .WriteNameList(AlgorithmNames.Ciphers)
            .WriteNameList(AlgorithmNames.Ciphers)
            .WriteNameList(AlgorithmNames.Macs)
            .WriteNameList(AlgorithmNames.Macs)
            .WriteNameList([AlgorithmNames.CompressionNone])
            .WriteNameList([AlgorithmNames.CompressionNone])
            .WriteNameList([])
            .WriteNameList([])
            .WriteBoolean(false)
            .WriteUInt32(0);
        return new KexInitMessage(keyExchange, hostKey, AlgorithmNames.Ciphers, AlgorithmNames.Ciphers, AlgorithmNames.Macs, AlgorithmNames.Macs,
            [AlgorithmNames.CompressionNone], [AlgorithmNames.CompressionNone], false, writer.ToArray());
    }
}
