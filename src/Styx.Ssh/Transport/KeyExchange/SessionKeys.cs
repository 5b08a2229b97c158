using System.Security.Cryptography;
using Styx.Ssh.Transport.Protection;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport.KeyExchange;

/// <summary>
/// Key derivation (RFC 4253 §7.2): key X = HASH(K ‖ H ‖ X ‖ session_id), extended with HASH(K ‖ H ‖ K1 ‖ …) until long
/// enough; letters A/B are the IVs, C/D the encryption keys, E/F the MAC keys (client→server first).
/// </summary>
internal static class SessionKeys
{
    public static (PacketProtection Incoming, PacketProtection Outgoing) Derive(
        NegotiatedAlgorithms algorithms, HashAlgorithmName hash, byte[] encodedSecret, byte[] exchangeHash, ReadOnlySpan<byte> sessionId)
    {
        var sid = sessionId.ToArray();
        byte[] Key(char letter, int length) => DeriveKey(hash, encodedSecret, exchangeHash, (byte)letter, sid, length);
        var incoming = Create(algorithms.CipherClientToServer, algorithms.MacClientToServer, Key, 'A', 'C', 'E');
        var outgoing = Create(algorithms.CipherServerToClient, algorithms.MacServerToClient, Key, 'B', 'D', 'F');
        return (incoming, outgoing);
    }

    private static PacketProtection Create(string cipher, string mac, Func<char, int, byte[]> key, char ivLetter, char keyLetter, char macLetter) => cipher switch
    {
        AlgorithmNames.ChaCha20Poly1305 => new ChaCha20Poly1305Protection(key(keyLetter, 64)),
        AlgorithmNames.Aes256Gcm => new AesGcmProtection(key(keyLetter, 32), key(ivLetter, 12)),
        AlgorithmNames.Aes128Gcm => new AesGcmProtection(key(keyLetter, 16), key(ivLetter, 12)),
        AlgorithmNames.Aes256Ctr or AlgorithmNames.Aes128Ctr => new AesCtrEtmProtection(
            key(keyLetter, cipher == AlgorithmNames.Aes256Ctr ? 32 : 16),
            key(ivLetter, 16),
            key(macLetter, mac == AlgorithmNames.HmacSha512Etm ? 64 : 32),
            mac == AlgorithmNames.HmacSha512Etm ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256),
        _ => throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "unsupported cipher " + cipher),
    };

    internal static byte[] DeriveKey(HashAlgorithmName hash, byte[] encodedSecret, byte[] exchangeHash, byte letter, byte[] sessionId, int length)
    {
        using var first = IncrementalHash.CreateHash(hash);
        first.AppendData(encodedSecret);
        first.AppendData(exchangeHash);
        first.AppendData([letter]);
        first.AppendData(sessionId);
        var key = first.GetHashAndReset();
        while (key.Length < length)
        {
            first.AppendData(encodedSecret);
            first.AppendData(exchangeHash);
            first.AppendData(key);
            key = [.. key, .. first.GetHashAndReset()];
        }

        return key[..length];
    }
}
