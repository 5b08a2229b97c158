namespace Styx.Ssh.Wire;

/// <summary>SSH message numbers (RFC 4250 §4.1.2, RFC 8308, RFC 5656 for 30/31).</summary>
public static class MessageNumber
{
    public const byte Disconnect = 1;
    public const byte Ignore = 2;
    public const byte Unimplemented = 3;
    public const byte Debug = 4;
    public const byte ServiceRequest = 5;
    public const byte ServiceAccept = 6;
    public const byte ExtInfo = 7;
    public const byte KexInit = 20;
    public const byte NewKeys = 21;
    public const byte KexEcdhInit = 30;
    public const byte KexEcdhReply = 31;
    public const byte UserAuthRequest = 50;
    public const byte UserAuthFailure = 51;
    public const byte UserAuthSuccess = 52;
    public const byte UserAuthBanner = 53;
    public const byte UserAuthPkOk = 60;
    public const byte GlobalRequest = 80;
    public const byte RequestSuccess = 81;
    public const byte RequestFailure = 82;
    public const byte ChannelOpen = 90;
    public const byte ChannelOpenConfirmation = 91;
    public const byte ChannelOpenFailure = 92;
    public const byte ChannelWindowAdjust = 93;
    public const byte ChannelData = 94;
    public const byte ChannelExtendedData = 95;
    public const byte ChannelEof = 96;
    public const byte ChannelClose = 97;
    public const byte ChannelRequest = 98;
    public const byte ChannelSuccess = 99;
    public const byte ChannelFailure = 100;

    /// <summary>
    /// Numbers the layers above the transport use; anything else after the key exchange is answered with
    /// UNIMPLEMENTED (RFC 4253 §11.4) instead of reaching them.
    /// </summary>
    public static bool IsForUpperLayers(byte number) => number is ServiceRequest or (>= 50 and <= 53) or UserAuthPkOk or (>= 80 and <= 82) or (>= 90 and <= 100);

    /// <summary>Transport-layer generic messages (1–19) and algorithm negotiation / key exchange (20–49), RFC 4251 §7.</summary>
    public static bool IsTransport(byte number) => number is >= 1 and <= 49;
}
