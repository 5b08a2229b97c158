using System.Globalization;
using Styx.Cluster.Audit;
using Styx.Ssh.Tests.Support;
using Styx.Tui.Tests.Support;
using Styx.Testing;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// Refused logins are audited (issue 10 item 9): an unknown key, a known key whose signature does not verify, and a
/// known key from an address its <c>from=</c> does not allow each leave one <c>login.refused</c> record with the
/// fingerprint (never the key itself).
/// </summary>
public sealed class RefusedLoginAuditTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _styx = fixture.Server;

    [Fact]
    public async Task UnknownKey_OpenSsh_OneRefusedRecordWithFingerprintOnly()
    {
        var stranger = await StyxTestServer.NewKeyAsync(_styx.Directory, "stranger");
        var result = await _styx.SshAsync(stranger, "whoami");
        Assert.Equal(255, result.ExitCode);

        var fingerprint = await FingerprintAsync(stranger);
        var record = Assert.Single(Refusals(), r => r.KeyFingerprint == fingerprint);
        Assert.Equal((AuditOutcome.Refused, "unknown key", "unknown key", ""), (record.Outcome, record.Error, record.User, record.Role));
        Assert.Equal("127.0.0.1", record.SourceAddress);
        Assert.Equal("ssh-ed25519", record.Arguments["keyType"]);
        var publicKey = (await File.ReadAllTextAsync(stranger + ".pub")).Split(' ')[1];
        Assert.DoesNotContain(publicKey, await File.ReadAllTextAsync(_styx.AuditLog), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownKeySignedByAnother_Paramiko_OneRefusedRecordSignatureDidNotVerify()
    {
        var impostor = await StyxTestServer.NewKeyAsync(_styx.Directory, "impostor");
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "paramiko_wrong_signer.py");
        var result = await ProcessRunner.RunAsync("/usr/bin/python3",
            [script, "127.0.0.1", _styx.Server.Ssh.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), "vera", impostor, _styx.KeyFiles["viewer"] + ".pub"]);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);

        var fingerprint = await FingerprintAsync(_styx.KeyFiles["viewer"]);
        var record = Assert.Single(Refusals(), r => r.KeyFingerprint == fingerprint);
        Assert.Equal((AuditOutcome.Refused, "signature did not verify", "Vera Viewer", "viewer"), (record.Outcome, record.Error, record.User, record.Role));
        Assert.Equal("vera", record.Arguments["sshUser"]);
    }

    [Fact]
    public async Task KnownKeyFromAddressNotAllowed_OpenSsh_OneRefusedRecordFromDidNotMatch()
    {
        var remote = await StyxTestServer.NewKeyAsync(_styx.Directory, "remote");
        var line = (await File.ReadAllTextAsync(remote + ".pub")).Trim().Split(' ');
        await File.AppendAllTextAsync(_styx.AuthorizedKeys, $"from=\"192.0.2.0/24\",role=\"operator\" {line[0]} {line[1]} Rita Remote\n");
        var fingerprint = await FingerprintAsync(remote);
        await Eventually.True(() => _styx.Server.Keys.Keys.Any(k => k.Fingerprint == fingerprint), "the keys file reloaded with Rita's key");

        Assert.Equal(255, (await _styx.SshAsync(remote, "whoami")).ExitCode);
        var record = Assert.Single(Refusals(), r => r.KeyFingerprint == fingerprint);
        Assert.Equal((AuditOutcome.Refused, "source address not allowed by from=", "Rita Remote", "operator"), (record.Outcome, record.Error, record.User, record.Role));
    }

    private IEnumerable<AuditRecord> Refusals() => _styx.ReadAudit().Where(r => r.Action == "login.refused");

    private static async Task<string> FingerprintAsync(string keyFile)
    {
        var blob = Convert.FromBase64String((await File.ReadAllTextAsync(keyFile + ".pub")).Split(' ')[1]);
        return "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(blob)).TrimEnd('=');
    }
}
