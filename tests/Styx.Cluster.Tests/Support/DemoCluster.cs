using Styx.Cluster.Nomad;
using Styx.Demo;
using Styx.Testing;

namespace Styx.Cluster.Tests.Support;

/// <summary>A Styx.Demo on loopback with quick lifecycle timings, and Nomad clients holding each role's token.</summary>
public sealed class DemoCluster : IAsyncDisposable
{
    private DemoCluster(DemoServer server)
    {
        Server = server;
        Viewer = Client(server.Acl.Viewer.SecretId);
        Operator = Client(server.Acl.Operator.SecretId);
        Admin = Client(server.Acl.Admin.SecretId);
    }

    public DemoServer Server { get; }

    public NomadClient Viewer { get; }

    public NomadClient Operator { get; }

    public NomadClient Admin { get; }

    public static DemoOptions QuickOptions => new()
    {
        StartDelay = TimeSpan.FromMilliseconds(300),
        HealthyDelay = TimeSpan.FromMilliseconds(200),
        StopDelay = TimeSpan.FromMilliseconds(200),
        Tick = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<DemoCluster> StartAsync(DemoOptions? options = null)
    {
        var cluster = new DemoCluster(await DemoServer.StartAsync(options ?? QuickOptions));
        // The default jobs start pending; wait until everything placed (in every namespace) is running and healthy and
        // every deployment has finished, so tests start from a settled cluster.
        await cluster.WaitUntilAsync(async ct =>
        {
            var allocations = (await cluster.Admin.Api.GetAllocationsAsync(Namespace.All, null, null, null, null, ct)).Body();
            var deployments = (await cluster.Admin.Api.GetDeploymentsAsync(Namespace.All, null, null, ct)).Body();
            // Settled means nothing is left to change: every deployment has finished (and marked its job stable).
            return allocations.Count > 0 && allocations.All(a => a.ClientStatus == "running")
                   && allocations.Where(a => a.JobType == "service").All(a => a.DeploymentStatus?.Healthy == true)
                   && deployments.All(d => d.Status != "running");
        });
        cluster.Server.Requests.Clear();
        return cluster;
    }

    /// <param name="nomadNamespace">The client's own namespace, as <c>NOMAD_NAMESPACE</c> sets it (null: Nomad's default).</param>
    public NomadClient Client(string? token, string? nomadNamespace = null) =>
        new(new NomadClientOptions { Address = Server.NomadAddress, Token = token, Namespace = nomadNamespace, RequestTimeout = TimeSpan.FromSeconds(10) });

    /// <summary>Waits until a condition on the cluster holds (the demo's steps take well under a second).</summary>
    public Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, string what = "the demo cluster reached the expected state") =>
        Eventually.True(condition, what);

    public async ValueTask DisposeAsync()
    {
        Viewer.Dispose();
        Operator.Dispose();
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
