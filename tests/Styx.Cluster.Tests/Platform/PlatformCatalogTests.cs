using System.Text;
using Styx.Cluster.Platform;

namespace Styx.Cluster.Tests.Platform;

public sealed class PlatformCatalogTests
{
    [Fact]
    public void Default_HasTheEightServicesOfTheDesign()
    {
        var sut = PlatformCatalog.Default();

        Assert.Equal(["NATS", "Dragonfly", "Traefik", "Prometheus", "Loki", "Grafana", "Promtail", "Vault"], sut.Services.Select(s => s.Name));
        Assert.Equal("system", sut.Find("promtail")!.Kind);
        Assert.Null(sut.Find("Vault")!.JobId);
        Assert.Equal([4222, 8222], sut.Find("nats")!.Ports.Select(p => p.Port));
        Assert.True(sut.Find("grafana")!.ServerClassOnly);
        Assert.Equal("/grafana", sut.Find("Grafana")!.RoutedAt);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "empty")]
    [InlineData("[{\"name\":\"X\",\"kind\":\"daemon\",\"jobId\":\"x\"}]", "use service, system or external")]
    [InlineData("[{\"name\":\"X\",\"kind\":\"service\"}]", "has no jobId")]
    [InlineData("[{\"kind\":\"service\",\"jobId\":\"x\"}]", "has no name")]
    [InlineData("[{\"name\":\"X\",\"kind\":\"service\",\"jobId\":\"x\",\"namespace\":\"*\"}]", "name the one its job runs in")]
    public void Parse_BadCatalog_SaysWhatIsWrong(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => PlatformCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "styx.json"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("styx.json:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForJob_OnlyInTheServicesNamespace()
    {
        var sut = PlatformCatalog.Default();
        Assert.Equal("Traefik", sut.ForJob("default", "traefik")?.Name);
        Assert.Equal("Traefik", sut.ForJob("default", "Traefik")?.Name);
        Assert.Null(sut.ForJob("staging", "traefik"));
        Assert.Null(sut.ForJob("default", "web"));

        var json = "[{\"name\":\"Queue\",\"jobId\":\"nats\",\"kind\":\"service\",\"namespace\":\"platform\"}]";
        var moved = PlatformCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "styx.json");
        Assert.Equal("platform", moved.Find("queue")!.JobNamespace);
        Assert.NotNull(moved.ForJob("platform", "nats"));
        Assert.Null(moved.ForJob("default", "nats"));
    }

    [Fact]
    public void Parse_RenamedService_IsUsedWithoutRebuild()
    {
        var json = "[{\"name\":\"Queue\",\"jobId\":\"nats-prod\",\"kind\":\"service\",\"ports\":[{\"name\":\"client\",\"port\":4222}]}]";
        var sut = PlatformCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "styx.json");
        Assert.Equal("nats-prod", sut.Find("queue")!.JobId);
    }
}
