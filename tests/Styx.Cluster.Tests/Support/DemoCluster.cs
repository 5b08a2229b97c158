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
        // The default jobs start pending; wait until everything placed is running and healthy so tests start from a settled cluster.
        await cluster.WaitUntilAsync(async ct =>
        {
            var allocations = (await cluster.Admin.Api.GetAllocationsAsync(null, null, null, null, ct)).Body();
            return allocations.Count > 0 && allocations.All(a => a.ClientStatus == "running")
                   && allocations.Where(a => a.JobType == "service").All(a => a.DeploymentStatus?.Healthy == true);
        });
        cluster.Server.Requests.Clear();
        return cluster;
    }

    public NomadClient Client(string? token) =>
        new(new NomadClientOptions { Address = Server.NomadAddress, Token = token, RequestTimeout = TimeSpan.FromSeconds(10) });

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
