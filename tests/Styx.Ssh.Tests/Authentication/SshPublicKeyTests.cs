using System.Numerics;
using System.Security.Cryptography;
using Styx.Ssh.Authentication;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Authentication;

/// <summary>
/// RSA key limits at parse time (issue 10 item 5): every check here runs before any signature work, so a hostile
/// key costs the server nothing but the parse.
/// </summary>
public sealed class SshPublicKeyTests
{
    private static readonly BigInteger F4 = 65537;

    [Fact]
    public void Parse_RealRsa2048Key_Accepted()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        var key = SshPublicKey.Parse(Blob(new BigInteger(parameters.Exponent, isUnsigned: true, isBigEndian: true), new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true)));
        Assert.Equal("ssh-rsa", key.Type);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(16384)]
    public void Parse_ModulusWithinLimits_Accepted(int bits) =>
        Assert.Equal("ssh-rsa", SshPublicKey.Parse(Blob(F4, Modulus(bits))).Type);

    [Fact]
    public void Parse_Modulus2047BitsPaddedWithLeadingZeroByte_Refused()
    {
        // 256 bytes whose top bit is clear, sent with a (non-minimal) leading zero byte: 257 bytes on the wire.
        var modulus = Modulus(2047).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(256, modulus.Length);
        var blob = new SshWriter().WriteAsciiString("ssh-rsa").WriteMPInt(F4).WriteString([0, .. modulus]).ToArray();
        var error = Assert.Throws<SshProtocolException>(() => SshPublicKey.Parse(blob));
        Assert.Contains("2047 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Modulus2047BitsMinimalEncoding_Refused()
    {
        var error = Assert.Throws<SshProtocolException>(() => SshPublicKey.Parse(Blob(F4, Modulus(2047))));
        Assert.Contains("2047 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModulusAbove16384Bits_Refused()
    {
        var error = Assert.Throws<SshProtocolException>(() => SshPublicKey.Parse(Blob(F4, Modulus(16385))));
        Assert.Contains("16385 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeExponent_Refused()
    {
        // A 3072-bit odd exponent: about ten times the work of e = 65537 for every signature check.
        var exponent = Modulus(3072);
        var error = Assert.Throws<SshProtocolException>(() => SshPublicKey.Parse(Blob(exponent, Modulus(3072))));
        Assert.Contains("exponent", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("65536")]
    [InlineData("4294967297")]
    public void Parse_ExponentEvenTooSmallOrWiderThan32Bits_Refused(string exponent)
    {
        var error = Assert.Throws<SshProtocolException>(() => SshPublicKey.Parse(Blob(BigInteger.Parse(exponent, System.Globalization.CultureInfo.InvariantCulture), Modulus(2048))));
        Assert.Contains("exponent", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("65537")]
    [InlineData("4294967295")]
    public void Parse_SmallOddExponent_Accepted(string exponent) =>
        Assert.Equal("ssh-rsa", SshPublicKey.Parse(Blob(BigInteger.Parse(exponent, System.Globalization.CultureInfo.InvariantCulture), Modulus(2048))).Type);

    private static byte[] Blob(BigInteger exponent, BigInteger modulus) =>
        new SshWriter().WriteAsciiString("ssh-rsa").WriteMPInt(exponent).WriteMPInt(modulus).ToArray();

    /// <summary>An odd number of exactly <paramref name="bits"/> bits (parsing never factors it, so it need not be a real modulus).</summary>
    private static BigInteger Modulus(int bits)
    {
        var bytes = RandomNumberGenerator.GetBytes((bits + 7) / 8);
        var topBits = bits - 8 * (bytes.Length - 1);
        bytes[0] &= (byte)((1 << topBits) - 1);
        bytes[0] |= (byte)(1 << (topBits - 1));
        bytes[^1] |= 1;
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }
}
