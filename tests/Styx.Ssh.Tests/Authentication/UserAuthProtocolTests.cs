using System.Net;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Styx.Ssh.Authentication;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Authentication;

/// <summary>
/// The user authentication protocol (RFC 4252) over an in-memory transport, with a signature check the test can
/// count and an observer that records each refusal.
/// </summary>
public sealed class UserAuthProtocolTests
{
    private readonly Ed25519PrivateKeyParameters _authorized = new(new SecureRandom());
    private readonly Ed25519PrivateKeyParameters _stranger = new(new SecureRandom());
    private readonly InMemoryPacketConnection _connection = new();
    private readonly RecordingObserver _observer = new();
    private readonly IPEndPoint _remote = new(IPAddress.Parse("192.0.2.7"), 50022);
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

    [Fact]
    public async Task Query_UnknownKey_ObserverToldKeyNotAuthorized()
    {
        _ = RunAsync();
        await AcceptServiceAsync();
        _connection.Send(Query(_stranger));
        Assert.Equal(MessageNumber.UserAuthFailure, (await _connection.ReceiveAsync())[0]);
        var failure = Assert.Single(_observer.Failures);
        Assert.Equal((AuthenticationFailureReason.KeyNotAuthorized, "key not authorized", false), (failure.Reason, failure.Description, failure.Signed));
        Assert.Equal(("erin", _remote, "ssh-ed25519"), (failure.UserName, failure.Remote, failure.KeyType));
        Assert.Equal(SshPublicKey.Parse(Blob(_stranger)).Fingerprint, failure.KeyFingerprint);
    }

    [Fact]
    public async Task SignedRequest_AuthorizedKeySignedByAnother_ObserverToldSignatureNotVerified()
    {
        _ = RunAsync();
        await AcceptServiceAsync();
        _connection.Send(SignedRequest(_authorized, signer: _stranger));
        Assert.Equal(MessageNumber.UserAuthFailure, (await _connection.ReceiveAsync())[0]);
        var failure = Assert.Single(_observer.Failures);
        Assert.Equal((AuthenticationFailureReason.SignatureNotVerified, "signature did not verify", true), (failure.Reason, failure.Description, failure.Signed));
        Assert.Equal(SshPublicKey.Parse(Blob(_authorized)).Fingerprint, failure.KeyFingerprint);
    }

    [Fact]
    public async Task SixRefusedKeys_ObserverToldEachThenTooManyFailures()
    {
        var run = RunAsync();
        await AcceptServiceAsync();
        for (var i = 0; i < 6; i++)
        {
            _connection.Send(SignedRequest(_stranger));
        }

        await Assert.ThrowsAsync<SshProtocolException>(() => run);
        Assert.Equal(
            [.. Enumerable.Repeat(AuthenticationFailureReason.KeyNotAuthorized, 6), AuthenticationFailureReason.TooManyFailures],
            _observer.Failures.Select(f => f.Reason));
        Assert.Equal("too many failures", _observer.Failures[^1].Description);
        Assert.Equal(0, _signatureChecks);
    }

    private Task<SshIdentity> RunAsync() =>
        UserAuthProtocol.RunAsync(_connection, new OneKey(Blob(_authorized)), _observer, new UserAuthOptions(), _remote, CountingVerify, CancellationToken.None);

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

    private static byte[] Query(Ed25519PrivateKeyParameters key) =>
        new SshWriter().WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String("erin").WriteAsciiString("ssh-connection")
            .WriteAsciiString("publickey").WriteBoolean(false).WriteAsciiString("ssh-ed25519").WriteString(Blob(key)).ToArray();

    /// <summary>A publickey request for <paramref name="key"/>, signed over the session (RFC 4252 §7) by <paramref name="signer"/> (by default the key itself).</summary>
    private byte[] SignedRequest(Ed25519PrivateKeyParameters key, string user = "erin", Ed25519PrivateKeyParameters? signer = null)
    {
        var blob = Blob(key);
        var signed = new SshWriter()
            .WriteString(_connection.SessionId.Span).WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user)
            .WriteAsciiString("ssh-connection").WriteAsciiString("publickey").WriteBoolean(true)
            .WriteAsciiString("ssh-ed25519").WriteString(blob);
        var ed = new Ed25519Signer();
        ed.Init(true, signer ?? key);
        ed.BlockUpdate(signed.WrittenSpan);
        var signature = new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(ed.GenerateSignature()).ToArray();
        return new SshWriter()
            .WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user).WriteAsciiString("ssh-connection")
            .WriteAsciiString("publickey").WriteBoolean(true).WriteAsciiString("ssh-ed25519").WriteString(blob).WriteString(signature).ToArray();
    }

    private sealed class RecordingObserver : IAuthenticationObserver
    {
        private readonly List<AuthenticationFailure> _failures = [];

        public IReadOnlyList<AuthenticationFailure> Failures
        {
            get
            {
                lock (_failures)
                {
                    return [.. _failures];
                }
            }
        }

        public ValueTask OnFailureAsync(AuthenticationFailure failure, CancellationToken cancellationToken)
        {
            lock (_failures)
            {
                _failures.Add(failure);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Allows exactly one key blob.</summary>
    private sealed class OneKey(byte[] blob) : IUserAuthenticator
    {
        public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken) =>
            ValueTask.FromResult(key.Blob.AsSpan().SequenceEqual(blob) ? new SshIdentity(userName, key.Fingerprint, null) : null);
    }
}
