using System.Net;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Authentication;

/// <summary>
/// The server side of the user authentication protocol (RFC 4252) with the <c>publickey</c> method only: key queries
/// answered with PK_OK, signatures checked over the session-bound data of §7, the identity bound to the key that
/// signed. Failures never say whether the user or key exists.
/// </summary>
public static class UserAuthProtocol
{
    private const string ConnectionService = "ssh-connection";

    public static Task<SshIdentity> RunAsync(IPacketConnection transport, IUserAuthenticator authenticator, UserAuthOptions options, IPEndPoint? remote, CancellationToken cancellationToken) =>
        RunAsync(transport, authenticator, options, remote, Verify, cancellationToken);

    /// <param name="verify">The signature check; tests pass one that counts calls.</param>
    internal static async Task<SshIdentity> RunAsync(IPacketConnection transport, IUserAuthenticator authenticator, UserAuthOptions options, IPEndPoint? remote, SignatureCheck verify, CancellationToken cancellationToken)
    {
        try
        {
            return await AuthenticateAsync(transport, authenticator, options, remote, verify, cancellationToken).ConfigureAwait(false);
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

    private static async Task<SshIdentity> AuthenticateAsync(IPacketConnection transport, IUserAuthenticator authenticator, UserAuthOptions options, IPEndPoint? remote, SignatureCheck verify, CancellationToken cancellationToken)
    {
        var request = await transport.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        if (request.Span[0] != MessageNumber.ServiceRequest)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolError, $"expected SERVICE_REQUEST, got message {request.Span[0]}");
        }

        await AcceptServiceAsync(transport, request, cancellationToken).ConfigureAwait(false);

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
                await AcceptServiceAsync(transport, payload, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (outcome, identity, reply) = await HandleAsync(transport, payload, authenticator, remote, verify, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case AuthStep.Success:
                    await transport.WritePacketAsync(new byte[] { MessageNumber.UserAuthSuccess }, cancellationToken).ConfigureAwait(false);
                    return identity!;
                case AuthStep.Query:
                    await transport.WritePacketAsync(reply!, cancellationToken).ConfigureAwait(false);
                    continue;
                case AuthStep.NoneProbe:
                    break;
                default:
                    failures++;
                    break;
            }

            if (failures >= options.MaxAuthTries)
            {
                throw new SshProtocolException(DisconnectReason.NoMoreAuthMethodsAvailable, "Too many authentication failures");
            }

            await transport.WritePacketAsync(Failure(), cancellationToken).ConfigureAwait(false);
        }
    }

    private enum AuthStep
    {
        Failure,
        NoneProbe,
        Query,
        Success,
    }

    private static async Task<(AuthStep, SshIdentity?, byte[]?)> HandleAsync(IPacketConnection transport, ReadOnlyMemory<byte> payload, IUserAuthenticator authenticator, IPEndPoint? remote, SignatureCheck verify, CancellationToken cancellationToken)
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
                return (AuthStep.NoneProbe, null, null);
            }

            if (method != "publickey")
            {
                return (AuthStep.Failure, null, null);
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
            return (AuthStep.Failure, null, null);
        }

        if (!key.AcceptsAlgorithm(algorithm) || Array.IndexOf(AlgorithmNames.UserSignatures, algorithm) < 0)
        {
            return (AuthStep.Failure, null, null);
        }

        var identity = await authenticator.AuthorizeAsync(user, key, remote, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            // A key that may not log in gets no signature check: verifying costs CPU (much more for big RSA keys)
            // and any unauthenticated client could ask for it over and over.
            return (AuthStep.Failure, null, null);
        }

        if (!signed)
        {
            return (AuthStep.Query, null, new SshWriter().WriteByte(MessageNumber.UserAuthPkOk).WriteAsciiString(algorithm).WriteString(keyBlob).ToArray());
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
            ? (AuthStep.Success, identity with { KeyFingerprint = key.Fingerprint }, null)
            : (AuthStep.Failure, null, null);
    }

    /// <summary>Answers SERVICE_REQUEST for <c>ssh-userauth</c> with SERVICE_ACCEPT (RFC 4253 §10); any other service ends the connection.</summary>
    private static async Task AcceptServiceAsync(IPacketConnection transport, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
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
