using System.Runtime.Versioning;
using System.Collections.Immutable;
using System.Text.Json;
using Styx.Cluster.Audit;

namespace Styx.Cluster.Tests.Audit;

public sealed class SerilogAuditLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("styx-audit-").FullName;

    [Fact]
    public void Write_TwoRecords_FileHasOneJsonObjectPerLineWithEveryField()
    {
        var path = Path.Combine(_dir, "audit.jsonl");
        using (var sut = new SerilogAuditLog(path))
        {
            sut.Write(Record("alice", AuditOutcome.Succeeded, null));
            sut.Write(Record("bob", AuditOutcome.Refused, "role viewer may not scale jobs"));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        foreach (var field in new[] { "time", "user", "keyFingerprint", "role", "sourceAddress", "action", "target", "arguments", "outcome", "error" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"audit line lacks '{field}': {lines[0]}");
        }

        Assert.Equal("alice", root.GetProperty("user").GetString());
        Assert.Equal("succeeded", root.GetProperty("outcome").GetString());
        Assert.Equal("3", root.GetProperty("arguments").GetProperty("count").GetString());
        var second = AuditJsonFormatter.Parse(lines[1]);
        Assert.Equal(AuditOutcome.Refused, second!.Outcome);
        Assert.Equal("role viewer may not scale jobs", second.Error);
    }

    [Fact]
    public void Recent_MoreRecordsThanAsked_ReturnsNewestLastAndRaisesWritten()
    {
        using var sut = new SerilogAuditLog(Path.Combine(_dir, "a.jsonl"));
        var seen = new List<string>();
        sut.Written += r => seen.Add(r.User);
        for (var i = 0; i < 5; i++)
        {
            sut.Write(Record($"u{i}", AuditOutcome.Succeeded, null));
        }

        Assert.Equal(["u3", "u4"], sut.Recent(2).Select(r => r.User));
        Assert.Equal(5, seen.Count);
    }

    /// <summary>Audit records name people, keys and source addresses: only the server's user reads them (issue 10,
    /// item 9). Serilog would create the file with the process umask (0644 on most systems).</summary>
    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void NewFile_IsCreatedWithMode0600()
    {
        var path = Path.Combine(_dir, "logs", "audit.jsonl");
        using (var sut = new SerilogAuditLog(path))
        {
            sut.Write(Record("alice", AuditOutcome.Succeeded, null));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public void ExistingFile_IsAppendedTo()
    {
        var path = Path.Combine(_dir, "audit.jsonl");
        using (var first = new SerilogAuditLog(path))
        {
            first.Write(Record("alice", AuditOutcome.Succeeded, null));
        }

        using (var second = new SerilogAuditLog(path))
        {
            second.Write(Record("bob", AuditOutcome.Succeeded, null));
        }

        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    private static AuditRecord Record(string user, AuditOutcome outcome, string? error) => new(
        new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), user, "SHA256:abc", "operator", "127.0.0.1",
        "job.scale", "web/web", ImmutableDictionary<string, string>.Empty.Add("count", "3"), outcome, error);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
