using Serilog.Events;
using Styx.Tui.Configuration;

namespace Styx.Tui.Tests.Configuration;

public sealed class StyxOptionsLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string?> None = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("styx-config-").FullName;

    [Fact]
    public void Load_Nothing_GivesTheDesignDefaults()
    {
        var sut = StyxOptionsLoader.Load(None, None, null, _dir);

        Assert.Equal("0.0.0.0:2222", sut.Listen.ToString());
        Assert.Equal(Path.Combine(_dir, "keys", "host_ed25519"), sut.HostKeyPath);
        Assert.Equal(Path.Combine(_dir, "keys", "authorized_keys"), sut.AuthorizedKeysPath);
        Assert.Null(sut.Nomad.Address);
        Assert.False(sut.Demo);
        Assert.Equal(6, sut.Ssh.MaxAuthTries);
        Assert.Null(sut.HttpListen);
    }

    [Fact]
    public void Load_HttpListen_FromFlagOrEnvironment()
    {
        var fromEnvironment = StyxOptionsLoader.Load(None, new Dictionary<string, string?> { ["STYX_HTTP__LISTEN"] = "0.0.0.0:9102" }, null, _dir);
        var fromFlag = StyxOptionsLoader.Load(StyxCommandLine.Parse(["--http-listen", "127.0.0.1:0"]).Flags, new Dictionary<string, string?> { ["STYX_HTTP__LISTEN"] = "0.0.0.0:9102" }, null, _dir);

        Assert.Equal("0.0.0.0:9102", fromEnvironment.HttpListen?.ToString());
        Assert.Equal("127.0.0.1:0", fromFlag.HttpListen?.ToString());
    }

    [Fact]
    public void Load_MetricsCatalog_PathFromTheConfigDirectory()
    {
        File.WriteAllText(Path.Combine(_dir, "styx.json"), """{ "metrics": { "catalog": "metrics.json" } }""");

        var sut = StyxOptionsLoader.Load(None, None, null, _dir);

        Assert.Equal(Path.Combine(_dir, "metrics.json"), sut.MetricCatalogPath);
    }

    [Fact]
    public void Load_Demo_ListensOnLoopback()
    {
        var sut = StyxOptionsLoader.Load(new Dictionary<string, string?> { ["demo"] = "true" }, None, null, _dir);

        Assert.Equal("127.0.0.1:2222", sut.Listen.ToString());
    }

    [Fact]
    public void Load_AllThreeSources_FlagsWinOverEnvironmentOverFile()
    {
        File.WriteAllText(Path.Combine(_dir, "styx.json"), """
            { "listen": "0.0.0.0:2000", "clusterName": "from-file", "nomad": { "addr": "http://file:4646", "tokens": { "viewer": "v-secret" } },
              "ssh": { "loginGraceTime": "45s" } }
            """);
        var env = new Dictionary<string, string?> { ["STYX_LISTEN"] = "0.0.0.0:3000", ["STYX_NOMAD__ADDR"] = "http://env:4646", ["HOME"] = "/x" };
        var flags = new Dictionary<string, string?> { ["listen"] = "127.0.0.1:4000" };

        var sut = StyxOptionsLoader.Load(flags, env, null, _dir);

        Assert.Equal("127.0.0.1:4000", sut.Listen.ToString());
        Assert.Equal(new Uri("http://env:4646"), sut.Nomad.Address);
        Assert.Equal("from-file", sut.ClusterName);
        Assert.Equal("v-secret", sut.Nomad.ViewerToken);
        Assert.Equal(TimeSpan.FromSeconds(45), sut.Ssh.LoginGraceTime);
        Assert.DoesNotContain("v-secret", sut.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DemoClusterSize_FromFile_DefaultsToThreeMacs()
    {
        Assert.Equal(new DemoClusterSize(3, 0), StyxOptionsLoader.Load(None, None, null, _dir).DemoCluster);
        File.WriteAllText(Path.Combine(_dir, "styx.json"), """{ "demoCluster": { "nodes": 1000, "extraJobs": 4989 } }""");
        Assert.Equal(new DemoClusterSize(1000, 4989), StyxOptionsLoader.Load(None, None, null, _dir).DemoCluster);
    }

    [Theory]
    [InlineData("listen", "nowhere", "listen: 'nowhere' is not an address and port")]
    [InlineData("http:listen", "9102", "http:listen: '9102' is not an address and port; write e.g. 0.0.0.0:9102")]
    [InlineData("nomad:addr", "ftp://x", "nomad:addr: 'ftp://x' is not an http(s) URL")]
    [InlineData("ssh:maxAuthTries", "0", "ssh:maxAuthTries: '0' is not a whole number from 1 to 100")]
    [InlineData("ssh:loginGraceTime", "soon", "ssh:loginGraceTime: 'soon' is not a duration")]
    [InlineData("demo", "maybe", "demo: 'maybe' is not true or false")]
    [InlineData("demoCluster:nodes", "0", "demoCluster:nodes: '0' is not a whole number from 1 to 10000")]
    [InlineData("logging:level", "loud", "logging:level: 'loud' is not a log level; write Verbose, Debug, Information, Warning, Error or Fatal")]
    [InlineData("logging:level", "2", "logging:level: '2' is not a log level")]
    [InlineData("logging:overrides:Styx.Ssh", "chatty", "logging:overrides:Styx.Ssh: 'chatty' is not a log level")]
    [InlineData("logging:format", "xml", "logging:format: 'xml' is not a log format; write auto, text or json")]
    [InlineData("logging:retainedFiles", "0", "logging:retainedFiles: '0' is not a whole number from 1 to 1000")]
    public void Load_BadValue_OneLineNamingTheSetting(string key, string value, string expected)
    {
        var ex = Assert.Throws<ConfigurationError>(() => StyxOptionsLoader.Load(new Dictionary<string, string?> { [key] = value }, None, null, _dir));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_Logging_DefaultsToInformationAutoNoFile()
    {
        var sut = StyxOptionsLoader.Load(None, None, null, _dir).Logging;

        Assert.Equal((LogEventLevel.Information, LogFormat.Auto, null, 7), (sut.Level, sut.Format, sut.FilePath, sut.RetainedFiles));
        Assert.Empty(sut.Overrides);
    }

    [Fact]
    public void Load_Logging_OverridesFromFile_LevelFormatAndFileFromFlags()
    {
        File.WriteAllText(Path.Combine(_dir, "styx.json"), """
            { "logging": { "level": "Warning", "format": "text", "retainedFiles": 14,
                           "overrides": { "Styx.Ssh": "debug", "Styx.Cluster.State": "Error" } } }
            """);
        var env = new Dictionary<string, string?> { ["STYX_LOGGING__OVERRIDES__Styx.Demo"] = "Verbose" };
        var flags = StyxCommandLine.Parse(["--log-level", "Debug", "--log-format", "JSON", "--log-file", "logs/styx.log"]).Flags;

        var sut = StyxOptionsLoader.Load(flags, env, null, _dir).Logging;

        Assert.Equal((LogEventLevel.Debug, LogFormat.Json, Path.Combine(_dir, "logs", "styx.log"), 14), (sut.Level, sut.Format, sut.FilePath, sut.RetainedFiles));
        Assert.Equal(
            new Dictionary<string, LogEventLevel> { ["Styx.Ssh"] = LogEventLevel.Debug, ["Styx.Cluster.State"] = LogEventLevel.Error, ["Styx.Demo"] = LogEventLevel.Verbose },
            sut.Overrides);
    }

    [Fact]
    public void Load_BrokenJson_NamesTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "styx.json"), "{ \"listen\": ");

        var ex = Assert.Throws<ConfigurationError>(() => StyxOptionsLoader.Load(None, None, null, _dir));

        Assert.Contains("styx.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingExplicitConfig_SaysSo()
    {
        var ex = Assert.Throws<ConfigurationError>(() => StyxOptionsLoader.Load(None, None, "nope.json", _dir));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:01:00", 60)]
    public void DurationText_CommonForms_Parse(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
