using System.Reflection;
using System.Text.RegularExpressions;
using Styx.Cluster.Loki;
using Styx.Cluster.Net;
using Styx.Cluster.Nomad;
using Styx.Cluster.Prometheus;

namespace Styx.Cluster.Tests.Net;

/// <summary>Route templates keep the <c>endpoint</c> label of Styx's upstream metrics bounded: IDs and queries never reach it.</summary>
public sealed class UpstreamRoutesTests
{
    /// <summary>Every route <see cref="INomadApi"/> declares, read from its Refit attributes, so a new one cannot be forgotten.</summary>
    public static TheoryData<string> NomadApiRoutes()
    {
        var data = new TheoryData<string>();
        foreach (var path in typeof(INomadApi).GetMethods()
                     .Select(m => m.GetCustomAttribute<Refit.HttpMethodAttribute>()?.Path)
                     .OfType<string>()
                     .Distinct(StringComparer.Ordinal))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NomadApiRoutes))]
    public void Endpoint_EveryNomadApiRoute_HasItsTemplate(string refitPath)
    {
        // An ID as Nomad allows it: a periodic child job's '/' arrives escaped, so it stays one segment.
        var path = Regex.Replace(refitPath, @"\{[^}]+\}", "batch%2Fperiodic-1700000000") + "?namespace=*&index=42&wait=300s";

        var sut = NomadRoutes.All.Endpoint(path);

        Assert.Equal(Regex.Replace(refitPath, @"\{[^}]+\}", ":"), Regex.Replace(sut, ":[a-z_]+", ":"));
    }

    [Theory]
    [InlineData("/v1/event/stream?index=12&topic=Job%3Aweb", "/v1/event/stream")]
    [InlineData("/v1/client/fs/logs/0b5a3f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b?task=web&type=stdout&follow=true&offset=-65536&origin=end", "/v1/client/fs/logs/:alloc_id")]
    [InlineData("/v1/job/web/allocations", "/v1/job/:job_id/allocations")]
    [InlineData("/v1/job/allocations", "/v1/job/:job_id")]
    [InlineData("/v1/jobs/", "/v1/jobs")]
    public void Endpoint_NomadPaths_ToTemplates(string path, string expected)
    {
        Assert.Equal(expected, NomadRoutes.All.Endpoint(path));
    }

    [Theory]
    [InlineData("/v1/secret-endpoint/abc")]
    [InlineData("/v1/job//allocations")]
    [InlineData("/v1/job/web/allocations/extra")]
    [InlineData("/")]
    public void Endpoint_UnknownPath_Other(string path)
    {
        Assert.Equal(UpstreamRoutes.Other, NomadRoutes.All.Endpoint(path));
    }

    [Fact]
    public void Endpoint_ManyIds_FewEndpoints()
    {
        var random = new Random(5);
        var endpoints = Enumerable.Range(0, 2000)
            .Select(i => $"/v1/{(i % 2 == 0 ? "job" : "allocation")}/{Guid.NewGuid()}{(i % 3 == 0 ? "" : "/services")}?index={random.Next()}")
            .Select(NomadRoutes.All.Endpoint)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["/v1/allocation/:alloc_id", "/v1/allocation/:alloc_id/services", "/v1/job/:job_id", "/v1/job/:job_id/services"], endpoints.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Endpoint_UnderTheBaseAddressPath_RelativeToIt()
    {
        var sut = NomadRoutes.All.Endpoint(new Uri("https://gateway.example/nomad/v1/job/web?region=global"), new Uri("https://gateway.example/nomad/"));

        Assert.Equal("/v1/job/:job_id", sut);
    }

    [Theory]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%7D&limit=100", "/loki/api/v1/query_range")]
    [InlineData("/loki/api/v1/label/alloc_id/values?start=1", "/loki/api/v1/label/:name/values")]
    [InlineData("/loki/api/v1/tail?query=x", "/loki/api/v1/tail")]
    public void Endpoint_LokiPaths_ToTemplates(string path, string expected)
    {
        Assert.Equal(expected, LokiRoutes.All.Endpoint(path));
    }

    [Theory]
    [InlineData("/api/v1/query_range?query=up&start=1&end=2&step=15", "/api/v1/query_range")]
    [InlineData("/api/v1/label/__name__/values", "/api/v1/label/:name/values")]
    [InlineData("/api/v1/admin/tsdb/delete_series", UpstreamRoutes.Other)]
    public void Endpoint_PrometheusPaths_ToTemplates(string path, string expected)
    {
        Assert.Equal(expected, PrometheusRoutes.All.Endpoint(path));
    }
}
