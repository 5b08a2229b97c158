using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Styx.Demo;
using Styx.Testing;

namespace Styx.Cluster.Tests.State;

/// <summary>
/// Issue 10 items 10 and 11: every way a read can go wrong on the way from Nomad (Styx.Demo's fault knobs) arrives as
/// a typed NomadException, makes ClusterState show which watch fails and since when while it keeps the last good
/// data, and ends in recovery once Nomad answers properly again. The job-definitions watcher, which one bad answer
/// used to stop for good, is driven through the same faults on its own. Disposing never throws.
/// </summary>
public sealed class ClusterStateFaultTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly DemoCluster _demo = fixture.Demo;

    // Short blocking waits and a short request deadline, so a stalled body is given up in about two seconds.
    private readonly NomadClient _quick = new(new NomadClientOptions { Address = fixture.Demo.Server.NomadAddress, Token = fixture.Demo.Server.Acl.Viewer.SecretId, RequestTimeout = TimeSpan.FromSeconds(1) });
    private int _webCount;

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        // The next test of the class shares the demo: never leave a fault behind.
        _demo.Server.Fault = DemoFault.None;
        _demo.Server.FaultPathPrefix = null;
        _quick.Dispose();
        _timeout.Dispose();
    }

    public static TheoryData<DemoFault> Faults() =>
        [DemoFault.CutShortBody, DemoFault.NonJsonBody, DemoFault.WrongFieldTypes, DemoFault.DropBeforeBody, DemoFault.DropMidBody, DemoFault.StallBody];

    private static bool NoAnswer(DemoFault fault) => fault is DemoFault.DropBeforeBody or DemoFault.DropMidBody or DemoFault.StallBody;

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Client_EachFault_TypedNomadException(DemoFault fault)
    {
        _demo.Server.Fault = fault;
        try
        {
            var error = await Assert.ThrowsAnyAsync<NomadException>(async () => (await _quick.Api.GetJobsAsync(null, null, null, Ct)).Body());
            if (NoAnswer(fault))
            {
                Assert.True(error is NomadUnreachableException or NomadTimeoutException, error.ToString());
            }
            else
            {
                Assert.True(error is NomadInvalidResponseException, error.ToString());
                var invalid = (NomadInvalidResponseException)error;
                Assert.Contains("/v1/jobs is not the JSON Styx expects", invalid.Message, StringComparison.Ordinal);

                // Methods that return the body itself throw the same type.
                await Assert.ThrowsAsync<NomadInvalidResponseException>(() => _quick.Api.GetAgentSelfAsync(Ct));
            }
        }
        finally
        {
            _demo.Server.Fault = DemoFault.None;
        }

        Assert.NotEmpty((await _quick.Api.GetJobsAsync(null, null, null, Ct)).Body());
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task EveryRead_EachFault_StaleWithLastDataThenRecovers(DemoFault fault)
    {
        await using var state = await StartStateAsync();
        var before = state.Current;

        _demo.Server.Fault = fault;
        await UntilAsync(() => !state.Current.Connection.Reachable);
        var stale = state.Current;
        Assert.NotNull(stale.Connection.UnreachableSince);
        Assert.False(string.IsNullOrEmpty(stale.Connection.LastError));
        Assert.Equal(NoAnswer(fault), stale.Connection.NoAnswer);
        Assert.Equal(before.Jobs.Select(j => j.ID), stale.Jobs.Select(j => j.ID));

        _demo.Server.Fault = DemoFault.None;
        await ChangedElsewhereAndSeenAsync(state);
        Assert.True(state.Current.Connection.Reachable);
        Assert.Null(state.Current.Connection.LastError);
    }

    /// <summary>The bug of issue 10 item 10: a bad answer to one definition read ended that watcher for good.</summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task JobDefinitions_EachFault_SaysWhichJobThenRecovers(DemoFault fault)
    {
        await using var state = await StartStateAsync();
        _demo.Server.FaultPathPrefix = "/v1/job/";
        _demo.Server.Fault = fault;
        try
        {
            await ScaleWebAsync(state);
            await UntilAsync(() => state.Current.Connection.LastError?.Contains("job definitions: job web: ", StringComparison.Ordinal) == true);
            Assert.False(state.Current.Connection.Reachable);
        }
        finally
        {
            _demo.Server.Fault = DemoFault.None;
            _demo.Server.FaultPathPrefix = null;
        }

        await UntilAsync(() => state.Current.Definition("web")?.TaskGroups![0].Count == _webCount && state.Current.Connection.Reachable);
    }

    [Fact]
    public async Task Dispose_WhileAWatchFails_NeverThrows()
    {
        var state = await StartStateAsync();
        _demo.Server.FaultPathPrefix = "/v1/job/";
        _demo.Server.Fault = DemoFault.WrongFieldTypes;
        try
        {
            await ScaleWebAsync(state);
            await UntilAsync(() => state.Current.Connection.LastError?.Contains("job definitions", StringComparison.Ordinal) == true);
            await state.DisposeAsync();
            await state.DisposeAsync();
        }
        finally
        {
            _demo.Server.Fault = DemoFault.None;
            _demo.Server.FaultPathPrefix = null;
        }
    }

    private async Task<ClusterState> StartStateAsync()
    {
        var state = new ClusterState(_quick, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(1), LeaderInterval = TimeSpan.FromSeconds(1) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        state.Start();
        await UntilAsync(() => state.Current.IsComplete && state.Current.Connection.Reachable && state.Current.Definition("web") is not null);
        return state;
    }

    /// <summary>Someone scales web elsewhere; the state must show it, definitions included.</summary>
    private async Task ChangedElsewhereAndSeenAsync(ClusterState state)
    {
        await ScaleWebAsync(state);
        await UntilAsync(() => state.Current.Connection.Reachable && state.Current.Definition("web") is { } web && web.TaskGroups![0].Count == _webCount);
    }

    /// <summary>Someone scales web elsewhere: always a change, whatever an earlier test of this class left (as the state last read it).</summary>
    private async Task ScaleWebAsync(ClusterState state)
    {
        _webCount = state.Current.Definition("web")!.TaskGroups![0].Count == 2 ? 3 : 2;
        await _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = _webCount, Target = new ScalingTarget { Group = "web" } }, Ct);
    }

    private static Task UntilAsync(Func<bool> condition) => Eventually.True(condition, "the watcher reached the expected state");
}
