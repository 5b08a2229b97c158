using System.Security.Cryptography;
using System.Text;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.HostKeys;

/// <summary>
/// Reads and writes unencrypted Ed25519 private keys in OpenSSH's <c>openssh-key-v1</c> format (OpenSSH
/// PROTOCOL.key), the format <c>ssh-keygen</c> writes, so the host key can be inspected with standard tools. The file
/// is created with mode 0600.
/// </summary>
public static class OpenSshKeyFile
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] s_magic = "openssh-key-v1\0"u8.ToArray();

    /// <summary>Loads the host key at <paramref name="path"/>, or generates and saves one if the file does not exist.</summary>
    /// <returns>The key and whether it was created now.</returns>
    /// <exception cref="InvalidDataException">The file is unusable: corrupt, or group- or world-writable (<see cref="StrictModes"/>).</exception>
    public static (Ed25519HostKey Key, bool Created) LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            using var file = File.OpenHandle(path);
            StrictModes.Check(file, path, "another user could replace the server's identity");
            using var reader = new StreamReader(new FileStream(file, FileAccess.Read), Encoding.UTF8);
            return (Read(reader.ReadToEnd(), path), false);
        }

        var key = Ed25519HostKey.Generate();
        Write(path, key, "styx-host-key");
        return (key, true);
    }

    public static void Write(string path, Ed25519HostKey key, string comment)
    {
        var seed = key.ExportSeed();
        try
        {
            var check = RandomNumberGenerator.GetBytes(4);
            var privateSection = new SshWriter()
                .WriteBytes(check).WriteBytes(check)
                .WriteAsciiString(AlgorithmNames.Ed25519)
                .WriteString(key.PublicKey)
                .WriteString([.. seed, .. key.PublicKey])
                .WriteUtf8String(comment);
            for (byte pad = 1; privateSection.Length % 8 != 0; pad++)
            {
                privateSection.WriteByte(pad);
            }

            var body = new SshWriter()
                .WriteBytes(s_magic)
                .WriteAsciiString("none").WriteAsciiString("none").WriteString([])
                .WriteUInt32(1)
                .WriteString(key.PublicKeyBlob.Span)
                .WriteString(privateSection.WrittenSpan);
            var base64 = Convert.ToBase64String(body.WrittenSpan);
            var text = new StringBuilder(Begin).Append('\n');
            for (var i = 0; i < base64.Length; i += 70)
            {
                text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
            }

            text.Append(End).Append('\n');
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            file.Write(Encoding.ASCII.GetBytes(text.ToString()));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Parses a key file; errors name the file and what is wrong with it.</summary>
    public static Ed25519HostKey Read(string text, string source)
    {
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidDataException($"{source}: not an OpenSSH private key (no BEGIN/END OPENSSH PRIVATE KEY lines)");
        }

        byte[] body;
        try
        {
            body = Convert.FromBase64String(text[(start + Begin.Length)..end].Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{source}: the key body is not valid base64");
        }

        try
        {
            var reader = new SshReader(body);
            if (!reader.ReadBytes(s_magic.Length).SequenceEqual(s_magic))
            {
                throw new InvalidDataException($"{source}: not an openssh-key-v1 file");
            }

            var cipher = reader.ReadAsciiString();
            reader.ReadAsciiString();
            reader.ReadString();
            if (cipher != "none")
            {
                throw new InvalidDataException($"{source}: the key is encrypted ({cipher}); Styx needs an unencrypted host key");
            }

            if (reader.ReadUInt32() != 1)
            {
                throw new InvalidDataException($"{source}: holds more than one key");
            }

            reader.ReadString();
            var privateSection = new SshReader(reader.ReadString());
            if (privateSection.ReadUInt32() != privateSection.ReadUInt32())
            {
                throw new InvalidDataException($"{source}: check bytes differ (corrupt file)");
            }

            var type = privateSection.ReadAsciiString();
            if (type != AlgorithmNames.Ed25519)
            {
                throw new InvalidDataException($"{source}: key type {type} is not supported; Styx's host key is ssh-ed25519");
            }

            privateSection.ReadString();
            var secret = privateSection.ReadString();
            if (secret.Length != 64)
            {
                throw new InvalidDataException($"{source}: Ed25519 private part has {secret.Length} bytes, expected 64");
            }

            return new Ed25519HostKey(secret[..32]);
        }
        catch (SshProtocolException ex)
        {
            throw new InvalidDataException($"{source}: truncated or corrupt key ({ex.Message})");
        }
    }
}
