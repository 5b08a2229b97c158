namespace Styx.Ssh.Transport;

/// <summary>The algorithm names Styx offers, in preference order (ssh-server.md §1.4).</summary>
public static class AlgorithmNames
{
    public const string MlKem768X25519 = "mlkem768x25519-sha256";
    public const string Curve25519 = "curve25519-sha256";
    public const string Curve25519LibSsh = "curve25519-sha256@libssh.org";
    public const string ExtInfoServer = "ext-info-s";
    public const string ExtInfoClient = "ext-info-c";
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";

    public const string Ed25519 = "ssh-ed25519";
    public const string Rsa = "ssh-rsa";
    public const string RsaSha256 = "rsa-sha2-256";
    public const string RsaSha512 = "rsa-sha2-512";
    public const string EcdsaP256 = "ecdsa-sha2-nistp256";
    public const string EcdsaP384 = "ecdsa-sha2-nistp384";
    public const string EcdsaP521 = "ecdsa-sha2-nistp521";

    public const string ChaCha20Poly1305 = "chacha20-poly1305@openssh.com";
    public const string Aes256Gcm = "aes256-gcm@openssh.com";
    public const string Aes128Gcm = "aes128-gcm@openssh.com";
    public const string Aes256Ctr = "aes256-ctr";
    public const string Aes128Ctr = "aes128-ctr";

    public const string HmacSha256Etm = "hmac-sha2-256-etm@openssh.com";
    public const string HmacSha512Etm = "hmac-sha2-512-etm@openssh.com";

    public const string CompressionNone = "none";

    public static readonly string[] KeyExchanges = [MlKem768X25519, Curve25519, Curve25519LibSsh];

    public static readonly string[] Ciphers = [ChaCha20Poly1305, Aes256Gcm, Aes128Gcm, Aes256Ctr, Aes128Ctr];

    public static readonly string[] Macs = [HmacSha256Etm, HmacSha512Etm];

    /// <summary>Signature algorithms accepted for user authentication (sent as <c>server-sig-algs</c>, RFC 8308 §3.1).</summary>
    public static readonly string[] UserSignatures = [Ed25519, EcdsaP256, EcdsaP384, EcdsaP521, RsaSha512, RsaSha256];

    /// <summary>AEAD ciphers carry their own integrity: the MAC lists are ignored for them.</summary>
    public static bool IsAead(string cipher) => cipher is ChaCha20Poly1305 or Aes256Gcm or Aes128Gcm;
}
