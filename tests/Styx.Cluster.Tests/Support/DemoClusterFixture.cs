namespace Styx.Cluster.Tests.Support;

/// <summary>
/// One Styx.Demo for a whole test class (an xunit class fixture), started before its first test and stopped after
/// its last. The class's tests must leave no fault set and must not depend on each other's changes.
/// </summary>
public sealed class DemoClusterFixture : IAsyncLifetime
{
    public DemoCluster Demo { get; private set; } = null!;

    public async Task InitializeAsync() => Demo = await DemoCluster.StartAsync();

    public async Task DisposeAsync() => await Demo.DisposeAsync();
}
