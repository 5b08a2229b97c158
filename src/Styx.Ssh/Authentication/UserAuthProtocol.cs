using System.Net;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Authentication;

/// <summary>
/// The server side of the user authentication protocol (RFC 4252) with the <c>publickey</c> method only: key queries
/// answered with PK_OK, signatures checked over the session-bound data of §7, the identity bound to the key that
/// signed. Failures never say whether the user or key exists; an observer may learn of each one.
/// </summary>
public static class UserAuthProtocol
{
    private const string ConnectionService = "ssh-connection";

    public static Task<SshIdentity> RunAsync(IPacketConnection transport, IUserAuthenticator authenticator, UserAuthOptions options, IPEndPoint? remote, CancellationToken cancellationToken) =>
        RunAsync(transport, authenticator, null, options, remote, cancellationToken);

    /// <param name="observer">Told of each refused attempt (for an audit trail); null for none.</param>
    public static Task<SshIdentity> RunAsync(IPacketConnection transport, IUserAuthenticator authenticator, IAuthenticationObserver? observer, UserAuthOptions options, IPEndPoint? remote, CancellationToken cancellationToken) =>
        RunAsync(transport, authenticator, observer, options, remote, Verify, cancellationToken);

    /// <param name="verify">The signature check; tests pass one that counts calls.</param>
    internal static async Task<SshIdentity> RunAsync(IPacketConnection transport, IUserAuthenticator authenticator, IAuthenticationObserver? observer, UserAuthOptions options, IPEndPoint? remote, SignatureCheck verify, CancellationToken cancellationToken)
    {
        try
        {
            return await new Conversation(transport, authenticator, observer, options, remote, verify).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SshProtocolException ex)
        {
            await transport.DisconnectAsync(ex.Reason, ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks <paramref name="signature"/> (a signature blob) by <paramref name="key"/> over <paramref name="data"/>.</summary>
    internal delegate bool SignatureCheck(SshPublicKey key, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    private static bool Verify(SshPublicKey key, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        key.Verify(algorithm, data, signature);

    private enum AuthStep
    {
        Failure,
        NoneProbe,
        Query,
        Success,
    }

    /// <summary>What one USERAUTH_REQUEST came to; <paramref name="Failure"/> is set when there is a key to report.</summary>
    private readonly record struct Step(AuthStep Outcome, string User, SshIdentity? Identity = null, byte[]? Reply = null, AuthenticationFailure? Failure = null);

    /// <summary>One client's way through authentication.</summary>
    private sealed class Conversation(IPacketConnection transport, IUserAuthenticator authenticator, IAuthenticationObserver? observer, UserAuthOptions options, IPEndPoint? remote, SignatureCheck verify)
    {
        public async Task<SshIdentity> RunAsync(CancellationToken cancellationToken)
        {
            var request = await transport.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            if (request.Span[0] != MessageNumber.ServiceRequest)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"expected SERVICE_REQUEST, got message {request.Span[0]}");
            }

            await AcceptServiceAsync(request, cancellationToken).ConfigureAwait(false);

            var failures = 0;
            for (var requests = 1; ; requests++)
            {
                if (requests > options.MaxAuthRequests)
                {
                    throw new SshProtocolException(DisconnectReason.NoMoreAuthMethodsAvailable, "Too many authentication requests");
                }

                var payload = await transport.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
                if (payload.Span[0] == MessageNumber.ServiceRequest)
                {
                    // paramiko (and so Ansible) asks for ssh-userauth again before each key it offers. OpenSSH accepts
                    // that until authentication succeeds (auth2.c input_service_request); it counts as a request.
                    await AcceptServiceAsync(payload, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var step = await HandleAsync(payload, cancellationToken).ConfigureAwait(false);
                switch (step.Outcome)
                {
                    case AuthStep.Success:
                        await transport.WritePacketAsync(new byte[] { MessageNumber.UserAuthSuccess }, cancellationToken).ConfigureAwait(false);
                        return step.Identity!;
                    case AuthStep.Query:
                        await transport.WritePacketAsync(step.Reply!, cancellationToken).ConfigureAwait(false);
                        continue;
                    case AuthStep.NoneProbe:
                        break;
                    default:
                        failures++;
                        if (step.Failure is { } failure)
                        {
                            await ReportAsync(failure, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                }

                if (failures >= options.MaxAuthTries)
                {
                    var last = step.Failure ?? new AuthenticationFailure(step.User, null, remote, AuthenticationFailureReason.TooManyFailures, false);
                    await ReportAsync(last with { Reason = AuthenticationFailureReason.TooManyFailures }, cancellationToken).ConfigureAwait(false);
                    throw new SshProtocolException(DisconnectReason.NoMoreAuthMethodsAvailable, "Too many authentication failures");
                }

                await transport.WritePacketAsync(Failure(), cancellationToken).ConfigureAwait(false);
            }
        }

        private ValueTask ReportAsync(AuthenticationFailure failure, CancellationToken cancellationToken) =>
            observer?.OnFailureAsync(failure, cancellationToken) ?? ValueTask.CompletedTask;

        private async Task<Step> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            string user, service, method, algorithm;
            bool signed;
            byte[] keyBlob;
            byte[]? signature = null;
            {
                var reader = new SshReader(payload.Span);
                if (reader.ReadByte() != MessageNumber.UserAuthRequest)
                {
                    throw new SshProtocolException(DisconnectReason.ProtocolError, $"expected USERAUTH_REQUEST, got message {payload.Span[0]}");
                }

                user = reader.ReadUtf8String();
                service = reader.ReadAsciiString();
                method = reader.ReadAsciiString();
                if (service != ConnectionService)
                {
                    throw new SshProtocolException(DisconnectReason.ServiceNotAvailable, $"service {Transport.SshTransport.Sanitize(service)} is not available");
                }

                if (method == "none")
                {
                    return new Step(AuthStep.NoneProbe, user);
                }

                if (method != "publickey")
                {
                    return new Step(AuthStep.Failure, user);
                }

                signed = reader.ReadBoolean();
                algorithm = reader.ReadAsciiString();
                keyBlob = reader.ReadString().ToArray();
                if (signed)
                {
                    signature = reader.ReadString().ToArray();
                }

                reader.EnsureEnd();
            }

            SshPublicKey key;
            try
            {
                key = SshPublicKey.Parse(keyBlob);
            }
            catch (SshProtocolException)
            {
                return new Step(AuthStep.Failure, user);
            }

            if (!key.AcceptsAlgorithm(algorithm) || Array.IndexOf(AlgorithmNames.UserSignatures, algorithm) < 0)
            {
                return new Step(AuthStep.Failure, user);
            }

            var identity = await authenticator.AuthorizeAsync(user, key, remote, cancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                // A key that may not log in gets no signature check: verifying costs CPU (much more for big RSA keys)
                // and any unauthenticated client could ask for it over and over.
                return new Step(AuthStep.Failure, user, Failure: new AuthenticationFailure(user, key, remote, AuthenticationFailureReason.KeyNotAuthorized, signed));
            }

            if (!signed)
            {
                return new Step(AuthStep.Query, user, Reply: new SshWriter().WriteByte(MessageNumber.UserAuthPkOk).WriteAsciiString(algorithm).WriteString(keyBlob).ToArray());
            }

            // RFC 4252 §7: the signature covers the session ID and this very request.
            var signedData = new SshWriter(512)
                .WriteString(transport.SessionId.Span)
                .WriteByte(MessageNumber.UserAuthRequest)
                .WriteUtf8String(user)
                .WriteAsciiString(service)
                .WriteAsciiString("publickey")
                .WriteBoolean(true)
                .WriteAsciiString(algorithm)
                .WriteString(keyBlob);
            return verify(key, algorithm, signedData.WrittenSpan, signature)
                ? new Step(AuthStep.Success, user, identity with { KeyFingerprint = key.Fingerprint })
                : new Step(AuthStep.Failure, user, Failure: new AuthenticationFailure(user, key, remote, AuthenticationFailureReason.SignatureNotVerified, true));
        }

        /// <summary>Answers SERVICE_REQUEST for <c>ssh-userauth</c> with SERVICE_ACCEPT (RFC 4253 §10); any other service ends the connection.</summary>
        private async Task AcceptServiceAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            var reader = new SshReader(payload.Span);
            reader.ReadByte();
            var service = reader.ReadAsciiString();
            reader.EnsureEnd();
            if (service != "ssh-userauth")
            {
                throw new SshProtocolException(DisconnectReason.ServiceNotAvailable, $"service {Transport.SshTransport.Sanitize(service)} is not available");
            }

            await transport.WritePacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceAccept).WriteAsciiString(service).WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        private static byte[] Failure() =>
            new SshWriter().WriteByte(MessageNumber.UserAuthFailure).WriteNameList(["publickey"]).WriteBoolean(false).ToArray();
    }
}
