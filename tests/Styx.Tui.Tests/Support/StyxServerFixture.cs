namespace Styx.Tui.Tests.Support;

/// <summary>
/// One styx-tui server for a whole test class (an xunit class fixture): started before the class's first test,
/// stopped after its last. The class's tests must not depend on each other's changes to the demo cluster.
/// </summary>
public class StyxServerFixture : IAsyncLifetime
{
    internal StyxTestServer Server { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Server = await StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    internal virtual Task<StyxTestServer> StartAsync() => StyxTestServer.StartAsync();
}
