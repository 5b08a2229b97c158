using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Tui.Screens;
using Styx.Tui.Shell;
using Styx.Testing;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Issue 11: detail loads are stamped with a version and applied on the UI loop; two loads for the same screen that
/// finish out of order leave the newer one on screen.
/// </summary>
public sealed class DetailLoaderTests
{
    [Fact]
    public async Task TwoLoadsFinishOutOfOrder_TheNewerIsShown()
    {
        var screen = new ControlledScreen();
        var entry = new ScreenEntry(screen);
        var applied = new List<object?>();
        using var client = new NomadClient(new NomadClientOptions());
        await using var state = new ClusterState(client, new ClusterStateOptions(), TimeProvider.System, NullLogger<ClusterState>.Instance);
        var loader = new DetailLoader(state, post: action => action(), applied: e => applied.Add(e.Detail.Value), NullLogger.Instance, CancellationToken.None);

        loader.Ensure(entry, new ClusterSnapshot { Version = 1 });
        loader.Ensure(entry, new ClusterSnapshot { Version = 1 }); // the same key again starts nothing
        loader.Ensure(entry, new ClusterSnapshot { Version = 2 });
        await Eventually.True(() => screen.Started == 2, "two loads started");

        screen.Loads[1].SetResult("newer");
        await Eventually.True(() => applied.Count == 1, "the newer load applied");
        screen.Loads[0].SetResult("older");
        await screen.Loads[0].Task;

        // The older result arrives last and is dropped: give it a chance to be applied by a later, newer load.
        loader.Ensure(entry, new ClusterSnapshot { Version = 3 });
        await Eventually.True(() => screen.Started == 3, "the third load started");
        screen.Loads[2].SetResult("newest");
        await Eventually.True(() => applied.Count == 2, "the newest load applied");
        Assert.Equal(["newer", "newest"], applied);
        Assert.Equal("newest", entry.Detail.Value);
    }

    [Fact]
    public async Task FailedLoad_KeepsTheLastValue_SaysWhy()
    {
        var screen = new ControlledScreen();
        var entry = new ScreenEntry(screen);
        var done = 0;
        using var client = new NomadClient(new NomadClientOptions());
        await using var state = new ClusterState(client, new ClusterStateOptions(), TimeProvider.System, NullLogger<ClusterState>.Instance);
        var loader = new DetailLoader(state, action => action(), _ => Interlocked.Increment(ref done), NullLogger.Instance, CancellationToken.None);
        loader.Ensure(entry, new ClusterSnapshot { Version = 1 });
        await Eventually.True(() => screen.Started == 1, "the load started");
        screen.Loads[0].SetResult("first");
        await Eventually.True(() => Volatile.Read(ref done) == 1, "the first load applied");
        loader.Ensure(entry, new ClusterSnapshot { Version = 2 });
        await Eventually.True(() => screen.Started == 2, "two loads started");
        screen.Loads[1].SetException(new NomadNotFoundException("allocation not found"));
        await Eventually.True(() => Volatile.Read(ref done) == 2, "the failure applied");
        Assert.Equal(("first", "Nomad: allocation not found"), (entry.Detail.Value, entry.Detail.Error));
    }

    /// <summary>A screen whose detail loads finish when the test says, one per snapshot version (Loads[version - 1]).</summary>
    private sealed class ControlledScreen : Screen
    {
        private readonly Dictionary<long, TaskCompletionSource<object>> _loads = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<TaskCompletionSource<object>> Loads
        {
            get
            {
                lock (_loads)
                {
                    return [.. _loads.OrderBy(l => l.Key).Select(l => l.Value)];
                }
            }
        }

        public override string Title(ScreenData data) => "controlled";

        public override TargetKinds Targets => TargetKinds.None;

        public override ImmutableArray<Column> Columns { get; } = [new("X")];

        public override IReadOnlyList<ScreenRow> Rows(ScreenData data) => [];

        public override DetailRequest? Detail(ClusterSnapshot snapshot)
        {
            TaskCompletionSource<object> load;
            lock (_loads)
            {
                if (!_loads.TryGetValue(snapshot.Version, out load!))
                {
                    load = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _loads[snapshot.Version] = load;
                }
            }

            return new DetailRequest("v" + snapshot.Version, (_, _) =>
            {
                Interlocked.Increment(ref _started);
                return load.Task;
            });
        }
    }
}
