using System.Buffers.Binary;
using System.Text;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Fuzz;

/// <summary>Well-formed starting inputs for each target, written by <c>--write-seeds</c> so AFL starts from valid
/// messages, realistic authorized_keys lines and command lines, and real Nomad answers.</summary>
internal static class SeedCorpus
{
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var kexInit = new SshWriter()
            .WriteByte(MessageNumber.KexInit).WriteBytes(new byte[16])
            .WriteNameList([AlgorithmNames.Curve25519, AlgorithmNames.StrictKexClient]).WriteNameList([AlgorithmNames.Ed25519])
            .WriteNameList([AlgorithmNames.Aes128Ctr]).WriteNameList([AlgorithmNames.Aes128Ctr])
            .WriteNameList([AlgorithmNames.HmacSha256Etm]).WriteNameList([AlgorithmNames.HmacSha256Etm])
            .WriteNameList(["none"]).WriteNameList(["none"]).WriteNameList([]).WriteNameList([]).WriteBoolean(false).WriteUInt32(0).ToArray();
        var ed25519Blob = new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(new byte[32]).ToArray();
        var pty = new SshWriter().WriteAsciiString("xterm-256color").WriteUInt32(80).WriteUInt32(24).WriteUInt32(0).WriteUInt32(0)
            .WriteString([53, 0, 0, 0, 1, 0]).ToArray();

        Save(directory, 0, [.. "SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray(), .. Packet(kexInit), .. Packet(new SshWriter().WriteByte(MessageNumber.KexEcdhInit).WriteString(new byte[32]).ToArray())]);
        Save(directory, 1, kexInit);
        Save(directory, 2, Prefixed([ed25519Blob, new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(new byte[64]).ToArray()]));
        Save(directory, 3, pty);
        Save(directory, 4, Prefixed(
        [
            new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray(),
            new SshWriter().WriteByte(MessageNumber.UserAuthRequest).WriteAsciiString("u").WriteAsciiString("ssh-connection").WriteAsciiString("none").ToArray(),
            new SshWriter().WriteByte(MessageNumber.UserAuthRequest).WriteAsciiString("u").WriteAsciiString("ssh-connection").WriteAsciiString("publickey")
                .WriteBoolean(false).WriteAsciiString(AlgorithmNames.Ed25519).WriteString(ed25519Blob).ToArray(),
        ]));
        Save(directory, 5, Prefixed(
        [
            new SshWriter().WriteByte(MessageNumber.ChannelOpen).WriteAsciiString("session").WriteUInt32(0).WriteUInt32(65536).WriteUInt32(32768).ToArray(),
            new SshWriter().WriteByte(MessageNumber.ChannelRequest).WriteUInt32(0).WriteAsciiString("pty-req").WriteBoolean(true).WriteBytes(pty).ToArray(),
            new SshWriter().WriteByte(MessageNumber.ChannelRequest).WriteUInt32(0).WriteAsciiString("exec").WriteBoolean(true).WriteAsciiString("echo").ToArray(),
            new SshWriter().WriteByte(MessageNumber.ChannelData).WriteUInt32(0).WriteString("hi"u8).ToArray(),
            new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("keepalive@openssh.com").WriteBoolean(true).ToArray(),
        ]));
        Save(directory, 6, new byte[80]);
        foreach (var (seed, i) in AuthorizedKeysTarget.Seeds().Select((seed, i) => (seed, i)))
        {
            Save(directory, 7, Encoding.UTF8.GetBytes(seed), i);
        }

        foreach (var (seed, i) in CommandLineTarget.Seeds().Select((seed, i) => (seed, i)))
        {
            Save(directory, 8, Encoding.UTF8.GetBytes(seed), i);
        }

        foreach (var (seed, i) in ExecCommandTarget.Seeds().Select((seed, i) => (seed, i)))
        {
            Save(directory, 9, seed, i);
        }

        foreach (var (name, input) in NomadJsonTarget.Seeds(Path.Combine(AppContext.BaseDirectory, "samples", "nomad")))
        {
            File.WriteAllBytes(Path.Combine(directory, $"target10-{name}"), [10, .. input]);
        }

        foreach (var (name, input) in LokiJsonTarget.Seeds(Path.Combine(AppContext.BaseDirectory, "samples", "loki")))
        {
            File.WriteAllBytes(Path.Combine(directory, $"target11-{name}"), [11, .. input]);
        }
    }

    private static void Save(string directory, int target, byte[] data, int number = 0) =>
        File.WriteAllBytes(Path.Combine(directory, number == 0 ? $"target{target}" : $"target{target}-{number}"), [(byte)target, .. data]);

    private static byte[] Prefixed(IEnumerable<byte[]> payloads) =>
        payloads.SelectMany(p => new[] { (byte)Math.Min(p.Length, 255) }.Concat(p.Take(255))).ToArray();

    /// <summary>An unencrypted binary packet (RFC 4253 §6) around <paramref name="payload"/>.</summary>
    private static byte[] Packet(byte[] payload)
    {
        var padding = 8 - (5 + payload.Length) % 8;
        if (padding < 4)
        {
            padding += 8;
        }

        var packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        return packet;
    }
}
