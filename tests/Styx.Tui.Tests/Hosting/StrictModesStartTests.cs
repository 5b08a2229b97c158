using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Ssh.HostKeys;
using Styx.Tui.Configuration;
using Styx.Tui.Hosting;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// StrictModes at start (issue 10, item 9): a keys file or host key that others can write stops <c>styx-tui serve</c>
/// with one line naming the setting, the file, its mode and the chmod, before anything listens.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class StrictModesStartTests : IDisposable
{
    private const UnixFileMode GroupWritable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead;

    private readonly string _dir = Directory.CreateTempSubdirectory("styx-strict-").FullName;

    [Fact]
    public async Task Start_KeysFileGroupWritable_ConfigurationErrorNamingTheSettingAndChmod()
    {
        var path = Path.Combine(_dir, "keys", "authorized_keys");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "");
        File.SetUnixFileMode(path, GroupWritable);

        var error = await Assert.ThrowsAsync<ConfigurationError>(StartAsync);

        Assert.StartsWith($"authorizedKeys: {path} has mode 0664: its group can write it", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Fix it with: chmod go-w {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostKeyGroupWritable_ConfigurationErrorNamingTheSettingAndChmod()
    {
        var path = Path.Combine(_dir, "keys", "host_ed25519");
        OpenSshKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, GroupWritable);

        var error = await Assert.ThrowsAsync<ConfigurationError>(StartAsync);

        Assert.StartsWith($"hostKey: {path} has mode 0664: its group can write it", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Fix it with: chmod go-w {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MetricsCatalogWithARegexPlaceholder_ConfigurationErrorNamingTheEntry()
    {
        var path = Path.Combine(_dir, "metrics.json");
        await File.WriteAllTextAsync(path, """[{ "name": "mine", "title": "Mine", "scope": "Job", "unit": "Count", "promQL": "up{job=~\"{{job}}\"}" }]""");
        await File.WriteAllTextAsync(Path.Combine(_dir, "styx.json"), """{ "metrics": { "catalog": "metrics.json" } }""");

        var error = await Assert.ThrowsAsync<ConfigurationError>(StartAsync);

        Assert.StartsWith($"metrics:catalog: {path}: metric query 'mine': placeholder {{{{job}}}} must be in a label matcher compared with = or !=", error.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync()
    {
        var options = StyxOptionsLoader.Load(new Dictionary<string, string?> { ["listen"] = "127.0.0.1:0" }, new Dictionary<string, string?>(), null, _dir);
        await using var server = await StyxServer.StartAsync(options, new Dictionary<string, string?>(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
