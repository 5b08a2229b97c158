using System.Globalization;
using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>
/// The Styx-shaped cluster of DESIGN.md §2 and §7: Macs on a tailnet (one of class <c>server</c>), the platform
/// services as Nomad jobs (Promtail as a system job; Vault is not a job) and the application jobs web, api, worker and
/// postgres in the <c>default</c> namespace, and a <c>staging</c> namespace whose own <c>web</c> shares its job ID
/// with the one in <c>default</c>, as a team trying a release before it ships would have it.
/// </summary>
internal static class DefaultCluster
{
    public const string Staging = "staging";

    public static void Populate(DemoCluster cluster)
    {
        var options = cluster.Options;
        cluster.AddNamespace(DemoNamespace.Default, DemoNamespace.DefaultDescription);
        cluster.AddNamespace(Staging, "Releases on trial before they reach default", new Dictionary<string, string> { ["owner"] = "styx" });
        cluster.Write(() =>
        {
            for (var i = 0; i < options.NodeCount; i++)
            {
                var server = i == 0;
                var name = server ? "mac-studio-1" : string.Create(CultureInfo.InvariantCulture, $"mac-mini-{i}");
                var index = cluster.Touch(DemoTable.Nodes);
                cluster.AddNode(new DemoNode
                {
                    Id = cluster.Ids.Next(),
                    Name = name,
                    Address = string.Create(CultureInfo.InvariantCulture, $"100.64.{i / 250}.{i % 250 + 1}"),
                    NodeClass = server ? "server" : "",
                    CpuShares = server ? 24 * 3500 : 10 * 3500,
                    Cores = server ? 24 : 10,
                    MemoryMB = server ? 131072 : 32768,
                    DiskMB = server ? 1_800_000 : 450_000,
                    Model = server ? "Mac Studio (M2 Ultra)" : "Mac mini (M2 Pro)",
                    CreateIndex = index,
                    ModifyIndex = index,
                    StatusUpdatedAt = cluster.Now.ToUnixTimeSeconds(),
                });
            }

            cluster.Leader = "100.64.0.1:4647";
        });

        foreach (var job in Jobs(options))
        {
            cluster.RegisterJob(job, (string?)job["Namespace"] ?? DemoNamespace.Default);
        }
    }

    private static IEnumerable<JsonObject> Jobs(DemoOptions options)
    {
        // Services carry the tags the Styx plan's jobs carry: Traefik routers for what is reached at /<service>, and
        // prometheus.scrape=true for what Prometheus's Nomad service discovery should scrape; each has a Nomad check.
        yield return ServiceJob("nats", "nats", "nats:2.10", 200, 256, [("client", 4222), ("monitoring", 8222)],
            [Service("nats", "client", [], HttpCheck("healthz", "/healthz", port: "monitoring"))]);
        yield return ServiceJob("dragonfly", "dragonfly", "docker.dragonflydb.io/dragonflydb/dragonfly:v1.21", 500, 2048, [("redis", 6379)],
            [Service("dragonfly", "redis", ["prometheus.scrape=true"], TcpCheck("alive"))]);
        yield return ServiceJob("traefik", "traefik", "traefik:v3.1", 200, 256, [("http", 4200), ("dashboard", 4201), ("metrics", 8082)],
            [Service("traefik", "http", [], HttpCheck("ping", "/ping", port: "dashboard")), Service("traefik-metrics", "metrics", ["prometheus.scrape=true"], null)]);
        yield return ServiceJob("prometheus", "prometheus", "prom/prometheus:v2.54.1", 500, 2048, [("http", 9090)],
            [Service("prometheus", "http", [.. Routed("prometheus", "/prometheus"), "prometheus.scrape=true"], HttpCheck("healthy", "/-/healthy"))], serverOnly: true);
        yield return ServiceJob("loki", "loki", "grafana/loki:3.1.1", 500, 1024, [("http", 3100)],
            [Service("loki", "http", ["prometheus.scrape=true"], HttpCheck("ready", "/ready"))], serverOnly: true);
        yield return ServiceJob("grafana", "grafana", "grafana/grafana:11.2.0", 200, 512, [("http", 3000)],
            [Service("grafana", "http", Routed("grafana", "/grafana"), HttpCheck("health", "/api/health"))], serverOnly: true);
        var promtail = ServiceJob("promtail", "promtail", "grafana/promtail:3.1.1", 100, 128, [("http", 9080)],
            [Service("promtail", "http", ["prometheus.scrape=true"], HttpCheck("ready", "/ready"))]);
        promtail["Type"] = "system";
        yield return promtail;

        yield return ServiceJob("web", "web", "ghcr.io/styx/web:1.8.2", 500, 512, [],
            [Service("web", "http", [.. Routed("web", "/web"), "prometheus.scrape=true"], HttpCheck("healthz", "/healthz"))], count: 2, dynamicPort: "http", scaling: (1, 10));
        yield return ServiceJob("api", "api", "ghcr.io/styx/api:2.3.0", 1000, 1024, [],
            [Service("api", "http", [.. Routed("api", "/api"), "prometheus.scrape=true"], HttpCheck("healthz", "/healthz"))], count: 2, dynamicPort: "http", scaling: (1, 8));
        // The worker serves nothing but its metrics and a health endpoint; its check fails while it crashes.
        yield return ServiceJob("worker", "worker", "ghcr.io/styx/worker:2.3.0", 1000, 2048, [],
            [Service("worker", "metrics", ["prometheus.scrape=true"], HttpCheck("alive", "/healthz"))], count: 1, dynamicPort: "metrics");
        yield return ServiceJob("postgres", "postgres", "postgres:16", 1000, 4096, [("db", 5432)],
            [Service("postgres", "db", ["db"], TcpCheck("alive"))], count: 1);
        for (var i = 1; i <= options.ExtraJobCount; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"app-{i:D4}");
            yield return ServiceJob(name, "app", "ghcr.io/styx/app:1.0." + (i % 10).ToString(CultureInfo.InvariantCulture), 100, 128, [],
                [Service(name, "http", Routed(name, "/" + name), HttpCheck("healthz", "/healthz"))], count: 1 + i % 3, dynamicPort: "http");
        }

        yield return ServiceJob("web", "web", "ghcr.io/styx/web:1.9.0-rc.1", 500, 512, [],
            [Service("web", "http", [.. Routed("web-staging", "/staging/web"), "prometheus.scrape=true"], HttpCheck("healthz", "/healthz"))],
            count: 1, dynamicPort: "http", scaling: (1, 4), @namespace: Staging);
        yield return ServiceJob("mailer", "mailer", "ghcr.io/styx/mailer:0.4.0", 200, 256, [],
            [Service("mailer", "http", ["prometheus.scrape=true"], TcpCheck("alive"))], count: 1, dynamicPort: "http", @namespace: Staging);
    }

    /// <summary>The tags that make Traefik route <paramref name="path"/> to a service (router named <paramref name="router"/>).</summary>
    private static string[] Routed(string router, string path) =>
        ["traefik.enable=true", $"traefik.http.routers.{router}.rule=PathPrefix(`{path}`)"];

    /// <summary>A group-level Nomad-native service (<c>provider = "nomad"</c>) with at most one check.</summary>
    private static JsonObject Service(string name, string portLabel, string[] tags, JsonObject? check) => new()
    {
        ["Name"] = name,
        ["PortLabel"] = portLabel,
        ["Provider"] = "nomad",
        ["Tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
        ["Checks"] = check is null ? new JsonArray() : new JsonArray(check),
    };

    private static JsonObject HttpCheck(string name, string path, string? port = null) => Check(name, "http", path, port);

    private static JsonObject TcpCheck(string name) => Check(name, "tcp", null, null);

    /// <summary>A service check as the job JSON holds it; interval and timeout are nanoseconds (Go durations).</summary>
    private static JsonObject Check(string name, string type, string? path, string? port) => new()
    {
        ["Name"] = name,
        ["Type"] = type,
        ["Path"] = path ?? "",
        ["Protocol"] = type == "http" ? "http" : "",
        ["Method"] = type == "http" ? "GET" : "",
        ["PortLabel"] = port ?? "",
        ["Interval"] = 10_000_000_000L,
        ["Timeout"] = 2_000_000_000L,
        ["OnUpdate"] = "require_healthy",
    };

    private static JsonObject ServiceJob(
        string id,
        string group,
        string image,
        int cpu,
        int memory,
        (string Label, int Port)[] ports,
        JsonObject[] services,
        int count = 1,
        string? dynamicPort = null,
        (int Min, int Max)? scaling = null,
        bool serverOnly = false,
        string @namespace = DemoNamespace.Default)
    {
        var reserved = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["Label"] = p.Label, ["Value"] = p.Port, ["To"] = 0, ["HostNetwork"] = "default" }).ToArray());
        var dynamic = dynamicPort is null ? new JsonArray() : new JsonArray(new JsonObject { ["Label"] = dynamicPort, ["Value"] = 0, ["To"] = 0, ["HostNetwork"] = "default" });
        var taskGroup = new JsonObject
        {
            ["Name"] = group,
            ["Count"] = count,
            ["Networks"] = new JsonArray(new JsonObject { ["Mode"] = "host", ["ReservedPorts"] = reserved, ["DynamicPorts"] = dynamic }),
            ["Services"] = new JsonArray(services.Select(n => (JsonNode)n).ToArray()),
            ["Tasks"] = new JsonArray(new JsonObject
            {
                ["Name"] = group,
                ["Driver"] = "container",
                ["Config"] = new JsonObject { ["image"] = image },
                ["Resources"] = new JsonObject { ["CPU"] = cpu, ["MemoryMB"] = memory },
                ["LogConfig"] = new JsonObject { ["MaxFiles"] = 10, ["MaxFileSizeMB"] = 10 },
            }),
            ["RestartPolicy"] = new JsonObject { ["Attempts"] = 2, ["Interval"] = 1_800_000_000_000L, ["Delay"] = 15_000_000_000L, ["Mode"] = "fail" },
        };
        if (scaling is { } bounds)
        {
            taskGroup["Scaling"] = new JsonObject
            {
                ["ID"] = id + "-" + group,
                ["Type"] = "horizontal",
                ["Target"] = new JsonObject { ["Namespace"] = @namespace, ["Job"] = id, ["Group"] = group },
                ["Min"] = bounds.Min,
                ["Max"] = bounds.Max,
                ["Enabled"] = true,
                ["Policy"] = new JsonObject(),
            };
        }

        var job = new JsonObject
        {
            ["Region"] = "global",
            ["Namespace"] = @namespace,
            ["ID"] = id,
            ["Name"] = id,
            ["Type"] = "service",
            ["Priority"] = 50,
            ["Datacenters"] = new JsonArray("styx"),
            ["NodePool"] = "default",
            ["TaskGroups"] = new JsonArray(taskGroup),
            ["Meta"] = new JsonObject { ["owner"] = "styx" },
            ["Update"] = new JsonObject { ["MaxParallel"] = 1, ["HealthCheck"] = "task_states", ["MinHealthyTime"] = 10_000_000_000L },
        };
        if (serverOnly)
        {
            job["Constraints"] = new JsonArray(new JsonObject { ["LTarget"] = "${node.class}", ["RTarget"] = "server", ["Operand"] = "=" });
        }

        return job;
    }
}
