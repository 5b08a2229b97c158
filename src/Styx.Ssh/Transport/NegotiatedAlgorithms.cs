namespace Styx.Ssh.Transport;

/// <summary>The outcome of one algorithm negotiation (RFC 4253 §7.1). MACs are empty for AEAD ciphers.</summary>
public readonly record struct NegotiatedAlgorithms(
    string KeyExchange,
    string HostKey,
    string CipherClientToServer,
    string CipherServerToClient,
    string MacClientToServer,
    string MacServerToClient);
