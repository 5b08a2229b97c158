using System.Security.Cryptography;
using System.Text;
using Styx.Deploy.Tests.Secrets;
using Styx.Deploy.Tests.Support;

namespace Styx.Deploy.Tests;

/// <summary>The secret scan of <see cref="JobFileTests.NoTokenShapedLiteral_InAnyParsedStringOrTheRawText"/> finds
/// each shape it looks for (made fresh here, so no token-shaped text is committed) and passes the job files' own text.</summary>
public sealed class TokenShapesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("styx-deploy-").FullName;

    public static TheoryData<string, string> Tokens => new()
    {
        { "UUID (a Nomad ACL token secret)", Guid.NewGuid().ToString() },
        { "Vault token", "hvs." + Base62(90) },
        { "Vault token", "s." + Base62(24) },
        { "JWT", $"{Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Base64Url("{\"nomad_job_id\":\"styx-tui\"}")}.{Base64Url(Base62(40))}" },
        { "private key", "-----BEGIN OPENSSH PRIVATE KEY-----" },
        { "long hex secret", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) },
        { "long base64 secret", "Ab1" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void TokenInText_IsFound_AndNotEchoed(string shape, string token)
    {
        var found = TokenShapes.In($"  STYX_NOMAD__TOKENS__ADMIN = \"{token}\"\n", "test");

        var finding = Assert.Single(found, f => f.Shape == shape);
        Assert.DoesNotContain(token, finding.Redacted, StringComparison.Ordinal);
    }

    /// <summary>The scan over parsed strings reaches variable defaults as well as the job: a token given as a
    /// variable's default is as committed as one written in the job.</summary>
    [Fact]
    public async Task TokenAsAVariableDefault_IsFoundInTheParsedFileAndItsText()
    {
        var token = Guid.NewGuid().ToString();
        var text = DeployFiles.Read(DeployFiles.RawExecJob) + $"\nvariable \"admin_token\" {{\n  default = \"{token}\"\n}}\n";
        var path = Path.Combine(_dir, "leaky.nomad");
        await File.WriteAllTextAsync(path, text);

        var parsed = await Hcl2Json.ParseAsync(path);

        Assert.Contains(TokenShapes.InStrings(parsed), f => f.Where == "$.variable.admin_token[0].default");
        Assert.Single(TokenShapes.In(text, path));
    }

    [Theory]
    [InlineData("nomad/jobs/${var.job_name}/tui/server")]
    [InlineData("STYX_NOMAD__TOKENS__OPERATOR={{ .operator_token }}")]
    [InlineData("sha256:${var.artifact_sha256}")]
    [InlineData("https://releases.example.invalid/styx-tui/styx-tui-1.4.0-osx-arm64.tar.gz")]
    [InlineData("--authorized-keys ${NOMAD_SECRETS_DIR}/authorized_keys")]
    public void OrdinaryJobText_IsNotATokenShape(string text) => Assert.Empty(TokenShapes.In(text, "test"));

    private static string Base62(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
