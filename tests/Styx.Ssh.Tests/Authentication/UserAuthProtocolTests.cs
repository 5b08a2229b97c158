using System.Net;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Styx.Ssh.Authentication;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Authentication;

/// <summary>The user authentication protocol (RFC 4252) over an in-memory transport, with a signature check the test can count.</summary>
public sealed class UserAuthProtocolTests
{
    private readonly Ed25519PrivateKeyParameters _authorized = new(new SecureRandom());
    private readonly Ed25519PrivateKeyParameters _stranger = new(new SecureRandom());
    private readonly InMemoryPacketConnection _connection = new();
    private int _signatureChecks;

    [Fact]
    public async Task SignedRequest_UnauthorizedKey_SignatureNeverChecked()
    {
        var run = RunAsync();
        await AcceptServiceAsync();

        // A correct signature by a key that may not log in: refused without verifying it.
        _connection.Send(SignedRequest(_stranger));
        Assert.Equal(MessageNumber.UserAuthFailure, (await _connection.ReceiveAsync())[0]);
        Assert.Equal(0, _signatureChecks);

        // The counter does see checks: the authorized key's signature is verified once.
        _connection.Send(SignedRequest(_authorized));
        Assert.Equal(MessageNumber.UserAuthSuccess, (await _connection.ReceiveAsync())[0]);
        Assert.Equal(1, _signatureChecks);
        Assert.Equal("erin", (await run).UserName);
    }

    [Fact]
    public async Task ServiceRequest_AgainDuringAuthentication_AcceptedAgain()
    {
        var run = RunAsync();
        await AcceptServiceAsync();
        _connection.Send(SignedRequest(_stranger));
        Assert.Equal(MessageNumber.UserAuthFailure, (await _connection.ReceiveAsync())[0]);

        // paramiko's next key starts with a new SERVICE_REQUEST; OpenSSH answers it again.
        await AcceptServiceAsync();
        _connection.Send(SignedRequest(_authorized));
        Assert.Equal(MessageNumber.UserAuthSuccess, (await _connection.ReceiveAsync())[0]);
        await run;
    }

    [Fact]
    public async Task ServiceRequest_OtherServiceDuringAuthentication_Disconnected()
    {
        var run = RunAsync();
        await AcceptServiceAsync();
        _connection.Send(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-connection").ToArray());
        await Assert.ThrowsAsync<SshProtocolException>(() => run);
        Assert.Equal((DisconnectReason.ServiceNotAvailable, "service ssh-connection is not available"), _connection.Disconnected);
    }

    private Task<SshIdentity> RunAsync() =>
        UserAuthProtocol.RunAsync(_connection, new OneKey(Blob(_authorized)), new UserAuthOptions(), null, CountingVerify, CancellationToken.None);

    private bool CountingVerify(SshPublicKey key, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Interlocked.Increment(ref _signatureChecks);
        return key.Verify(algorithm, data, signature);
    }

    private async Task AcceptServiceAsync()
    {
        _connection.Send(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        Assert.Equal(MessageNumber.ServiceAccept, (await _connection.ReceiveAsync())[0]);
    }

    private static byte[] Blob(Ed25519PrivateKeyParameters key) =>
        new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(key.GeneratePublicKey().GetEncoded()).ToArray();

    /// <summary>A publickey request for <paramref name="key"/>, correctly signed over the session (RFC 4252 §7).</summary>
    private byte[] SignedRequest(Ed25519PrivateKeyParameters key, string user = "erin")
    {
        var blob = Blob(key);
        var signed = new SshWriter()
            .WriteString(_connection.SessionId.Span).WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user)
            .WriteAsciiString("ssh-connection").WriteAsciiString("publickey").WriteBoolean(true)
            .WriteAsciiString("ssh-ed25519").WriteString(blob);
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(signed.WrittenSpan);
        var signature = new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(signer.GenerateSignature()).ToArray();
        return new SshWriter()
            .WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user).WriteAsciiString("ssh-connection")
            .WriteAsciiString("publickey").WriteBoolean(true).WriteAsciiString("ssh-ed25519").WriteString(blob).WriteString(signature).ToArray();
    }

    /// <summary>Allows exactly one key blob.</summary>
    private sealed class OneKey(byte[] blob) : IUserAuthenticator
    {
        public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken) =>
            ValueTask.FromResult(key.Blob.AsSpan().SequenceEqual(blob) ? new SshIdentity(userName, key.Fingerprint, null) : null);
    }
}
