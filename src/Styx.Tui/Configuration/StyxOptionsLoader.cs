using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;

namespace Styx.Tui.Configuration;

/// <summary>
/// Merges <c>styx.json</c>, <c>STYX_*</c> environment variables and command-line flags (in that order; later wins)
/// into validated <see cref="StyxOptions"/> (DESIGN.md §8). A bad value throws <see cref="ConfigurationError"/> naming
/// the setting, where it came from does not matter to the reader: the name is the same in all three places
/// (<c>nomad.addr</c> = <c>STYX_NOMAD__ADDR</c> = <c>--nomad-addr</c>).
/// </summary>
public static class StyxOptionsLoader
{
    /// <summary>Flags and the configuration key each one sets.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["listen"] = "listen",
        ["http-listen"] = "http:listen",
        ["host-key"] = "hostKey",
        ["authorized-keys"] = "authorizedKeys",
        ["audit-log"] = "auditLog",
        ["cluster-name"] = "clusterName",
        ["nomad-addr"] = "nomad:addr",
        ["prometheus-addr"] = "prometheus:addr",
        ["loki-addr"] = "loki:addr",
        ["demo"] = "demo",
        ["log-level"] = "logging:level",
        ["log-format"] = "logging:format",
        ["log-file"] = "logging:file",
    };

    /// <param name="flags">Configuration keys set by flags (see <see cref="FlagKeys"/>).</param>
    /// <param name="environment">The process environment (only <c>STYX_*</c> is read here).</param>
    /// <param name="configFile">An explicit <c>--config</c> path (must exist), or null for <c>styx.json</c> if present.</param>
    /// <param name="baseDirectory">Where relative paths and the default <c>styx.json</c> are resolved.</param>
    public static StyxOptions Load(
        IReadOnlyDictionary<string, string?> flags,
        IReadOnlyDictionary<string, string?> environment,
        string? configFile,
        string baseDirectory)
    {
        var builder = new ConfigurationBuilder();
        var jsonPath = configFile is null ? Path.Combine(baseDirectory, "styx.json") : Path.GetFullPath(configFile, baseDirectory);
        if (configFile is not null && !File.Exists(jsonPath))
        {
            throw new ConfigurationError($"--config: {jsonPath} does not exist");
        }

        if (File.Exists(jsonPath))
        {
            builder.AddJsonFile(jsonPath, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith("STYX_", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key["STYX_".Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
        builder.AddInMemoryCollection(flags);

        IConfiguration config;
        try
        {
            config = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new ConfigurationError($"{jsonPath}: {ex.Message.Split('\n')[0]}");
        }

        var demo = Bool(config, "demo", false);
        return new StyxOptions
        {
            Demo = demo,
            DemoCluster = new DemoClusterSize(Int(config, "demoCluster:nodes", 3, 1, 10_000), Int(config, "demoCluster:extraJobs", 0, 0, 20_000),
                config["demoCluster:logBurstJob"] is { Length: > 0 } burstJob ? burstJob : null, Int(config, "demoCluster:logBurstLinesPerSecond", 10_000, 1, 1_000_000)),
            Listen = EndPoint(config, "listen", demo ? "127.0.0.1:2222" : "0.0.0.0:2222"),
            HttpListen = config["http:listen"] is { Length: > 0 } ? EndPoint(config, "http:listen", "") : null,
            HostKeyPath = PathSetting(config, "hostKey", "keys/host_ed25519", baseDirectory),
            AuthorizedKeysPath = PathSetting(config, "authorizedKeys", "keys/authorized_keys", baseDirectory),
            AuditLogPath = PathSetting(config, "auditLog", "logs/audit.jsonl", baseDirectory),
            ClusterName = NonEmpty(config, "clusterName", "styx"),
            Nomad = new NomadSettings
            {
                Address = OptionalUri(config, "nomad:addr"),
                Namespace = config["nomad:namespace"],
                Region = config["nomad:region"],
                CaCert = config["nomad:caCert"],
                ClientCert = config["nomad:clientCert"],
                ClientKey = config["nomad:clientKey"],
                SkipVerify = Bool(config, "nomad:skipVerify", false),
                ViewerToken = config["nomad:tokens:viewer"],
                OperatorToken = config["nomad:tokens:operator"],
                AdminToken = config["nomad:tokens:admin"],
                Wait = Duration(config, "nomad:wait", TimeSpan.FromMinutes(5)) is var wait && wait <= TimeSpan.FromMinutes(10)
                    ? wait
                    : throw new ConfigurationError("nomad:wait: Nomad caps blocking queries at 10m; write at most 10m"),
                RequestTimeout = Duration(config, "nomad:requestTimeout", TimeSpan.FromSeconds(15)),
            },
            PrometheusAddress = OptionalUri(config, "prometheus:addr"),
            LokiAddress = OptionalUri(config, "loki:addr"),
            Loki = new LokiSettings
            {
                TenantId = config["loki:tenant"] is { Length: > 0 } tenant ? tenant : null,
                Labels = new LokiLabelNames
                {
                    Job = LabelName(config, "loki:labels:job", "job"),
                    Group = LabelName(config, "loki:labels:group", "task_group"),
                    Task = LabelName(config, "loki:labels:task", "task"),
                    Allocation = LabelName(config, "loki:labels:allocation", "alloc_id"),
                    Node = LabelName(config, "loki:labels:node", "host"),
                    Namespace = LabelName(config, "loki:labels:namespace", "namespace"),
                    Stream = LabelName(config, "loki:labels:stream", "stream"),
                },
            },
            Logging = LoggingFrom(config, baseDirectory),
            Logs = new LogTailOptions
            {
                SessionLines = Int(config, "logs:sessionLines", 10_000, 100, 1_000_000),
                TailBacklogLines = Int(config, "logs:tailBacklogLines", 1_000, 1, 100_000),
                NomadBacklogBytes = Int(config, "logs:nomadBacklogBytes", 64 * 1024, 0, 16 * 1024 * 1024),
            },
            PlatformCatalogPath = config["platform:catalog"] is { Length: > 0 } catalog ? Path.GetFullPath(catalog, baseDirectory) : null,
            MetricCatalogPath = config["metrics:catalog"] is { Length: > 0 } metricCatalog ? Path.GetFullPath(metricCatalog, baseDirectory) : null,
            Ssh = new SshSettings
            {
                LoginGraceTime = Duration(config, "ssh:loginGraceTime", TimeSpan.FromSeconds(30)),
                MaxAuthTries = Int(config, "ssh:maxAuthTries", 6, 1, 100),
                MaxUnauthenticatedConnections = Int(config, "ssh:maxUnauthenticatedConnections", 100, 1, 100_000),
                MaxUnauthenticatedPerSource = Int(config, "ssh:maxUnauthenticatedPerSource", 10, 1, 100_000),
                MaxSessionsPerConnection = Int(config, "ssh:maxSessionsPerConnection", 4, 1, 64),
                MaxConnectionsPerKey = Int(config, "ssh:maxConnectionsPerKey", 16, 1, 10_000),
                MaxAuthenticatedPerSource = Int(config, "ssh:maxAuthenticatedPerSource", 64, 1, 100_000),
                IdleTimeout = Duration(config, "ssh:idleTimeout", TimeSpan.FromHours(8)),
                KeepAliveInterval = Duration(config, "ssh:keepAliveInterval", TimeSpan.FromSeconds(15)),
            },
        };
    }

    private static LoggingSettings LoggingFrom(IConfiguration config, string baseDirectory)
    {
        var overrides = ImmutableDictionary.CreateBuilder<string, LogEventLevel>(StringComparer.Ordinal);
        foreach (var source in config.GetSection("logging:overrides").GetChildren())
        {
            overrides[source.Key] = Level(config, source.Path, LogEventLevel.Information, required: true);
        }

        return new LoggingSettings
        {
            Level = Level(config, "logging:level", LogEventLevel.Information, required: false),
            Overrides = overrides.ToImmutable(),
            Format = config["logging:format"] switch
            {
                null or "" => LogFormat.Auto,
                var v when v.Equals("auto", StringComparison.OrdinalIgnoreCase) => LogFormat.Auto,
                var v when v.Equals("text", StringComparison.OrdinalIgnoreCase) => LogFormat.Text,
                var v when v.Equals("json", StringComparison.OrdinalIgnoreCase) => LogFormat.Json,
                var v => throw new ConfigurationError($"logging:format: '{v}' is not a log format; write auto, text or json"),
            },
            FilePath = config["logging:file"] is { Length: > 0 } file ? Path.GetFullPath(file, baseDirectory) : null,
            RetainedFiles = Int(config, "logging:retainedFiles", 7, 1, 1000),
        };
    }

    /// <summary>Serilog's level names, in any case; numbers are refused (Enum.TryParse would take them).</summary>
    private static LogEventLevel Level(IConfiguration config, string key, LogEventLevel fallback, bool required)
    {
        var text = config[key];
        if (string.IsNullOrEmpty(text) && !required)
        {
            return fallback;
        }

        foreach (var level in Enum.GetValues<LogEventLevel>())
        {
            if (string.Equals(text, level.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return level;
            }
        }

        throw new ConfigurationError($"{key}: '{text}' is not a log level; write Verbose, Debug, Information, Warning, Error or Fatal");
    }

    /// <summary>A Loki label name: Prometheus's rule, <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    private static string LabelName(IConfiguration config, string key, string fallback)
    {
        var text = config[key] is { Length: > 0 } v ? v : fallback;
        return System.Text.RegularExpressions.Regex.IsMatch(text, "^[a-zA-Z_][a-zA-Z0-9_]*$")
            ? text
            : throw new ConfigurationError($"{key}: '{text}' is not a Loki label name; write letters, digits and _ (not starting with a digit)");
    }

    private static IPEndPoint EndPoint(IConfiguration config, string key, string fallback)
    {
        var text = config[key] is { Length: > 0 } v ? v : fallback;
        // Port 0 (a free port chosen at start) must be written out; a missing port is an error.
        if (IPEndPoint.TryParse(text, out var endPoint) && (endPoint.Port != 0 || text.EndsWith(":0", StringComparison.Ordinal)))
        {
            return endPoint;
        }

        var example = key == "listen" ? "0.0.0.0:2222 or [::]:2222" : "0.0.0.0:9102 or 127.0.0.1:9102";
        throw new ConfigurationError($"{key}: '{text}' is not an address and port; write e.g. {example}");
    }

    private static string PathSetting(IConfiguration config, string key, string fallback, string baseDirectory)
    {
        var text = config[key] is { Length: > 0 } v ? v : fallback;
        return Path.GetFullPath(text, baseDirectory);
    }

    private static string NonEmpty(IConfiguration config, string key, string fallback) =>
        config[key] is { } v ? (v.Trim().Length > 0 ? v.Trim() : throw new ConfigurationError($"{key}: must not be empty")) : fallback;

    private static Uri? OptionalUri(IConfiguration config, string key)
    {
        if (config[key] is not { Length: > 0 } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        throw new ConfigurationError($"{key}: '{text}' is not an http(s) URL; write e.g. http://127.0.0.1:4646");
    }

    private static bool Bool(IConfiguration config, string key, bool fallback) => config[key] switch
    {
        null or "" => fallback,
        var v when bool.TryParse(v, out var b) => b,
        "1" or "yes" or "on" => true,
        "0" or "no" or "off" => false,
        var v => throw new ConfigurationError($"{key}: '{v}' is not true or false"),
    };

    private static int Int(IConfiguration config, string key, int fallback, int min, int max)
    {
        if (config[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new ConfigurationError($"{key}: '{text}' is not a whole number from {min} to {max}");
    }

    /// <summary>Durations are written like Nomad's: <c>30s</c>, <c>5m</c>, <c>8h</c>, or as <c>hh:mm:ss</c>.</summary>
    private static TimeSpan Duration(IConfiguration config, string key, TimeSpan fallback)
    {
        if (config[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (DurationText.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        throw new ConfigurationError($"{key}: '{text}' is not a duration; write e.g. 30s, 5m or 8h");
    }
}
