using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Cluster.Logs;

/// <summary>
/// One session's merged Nomad tail of a <see cref="LogTarget"/>: it watches the shared cluster state and keeps one
/// shared allocation tail joined per matching task, joining as allocations start and leaving as they stop (anchors.md
/// §2 item 6: a job's allocations as one stream). Lines from every allocation land in one <see cref="LogBuffer"/>, each
/// carrying its allocation and task.
/// </summary>
public sealed class NomadLogFollower : IDisposable
{
    private readonly LogTails _tails;
    private readonly LogTarget _target;
    private readonly LogBuffer _buffer;
    private readonly Lock _lock = new();
    private readonly Dictionary<AllocationLogKey, (LogOrigin Origin, IDisposable Leave)> _following = [];
    private readonly IDisposable _subscription;
    private bool _disposed;
    private string? _idle;

    public NomadLogFollower(ClusterState state, LogTails tails, LogTarget target, LogBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(state);
        _tails = tails;
        _target = target;
        _buffer = buffer;
        _subscription = state.Subscribe(target.Namespace, Reconcile);
    }

    /// <summary>The task streams followed now.</summary>
    public IReadOnlyList<LogOrigin> Following
    {
        get
        {
            lock (_lock)
            {
                return [.. _following.Values.Select(f => f.Origin)];
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_lock)
        {
            _disposed = true;
            foreach (var (_, leave) in _following.Values)
            {
                leave.Dispose();
            }

            _following.Clear();
        }
    }

    /// <summary>The task streams <paramref name="snapshot"/> says the target has now.</summary>
    public static IEnumerable<LogOrigin> Streams(ClusterSnapshot snapshot, LogTarget target)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var allocation in snapshot.Allocations)
        {
            if (!Matches(allocation, target) || allocation.TaskStates is not { } tasks)
            {
                continue;
            }

            foreach (var task in tasks.Keys.Order(StringComparer.Ordinal))
            {
                if (target.Task is null || task == target.Task)
                {
                    yield return new LogOrigin(allocation.Namespace, allocation.JobID, allocation.ID, allocation.Name, task, target.Stream, allocation.NodeName);
                }
            }
        }
    }

    private static bool Matches(AllocationListStub allocation, LogTarget target) =>
        allocation.Namespace == target.Namespace
        && (target.AllocationId is { } id
            ? allocation.ID == id
            : allocation.JobID == target.JobId && allocation.ClientStatus == "running" && (target.Group is null || allocation.TaskGroup == target.Group));

    private void Reconcile(ClusterSnapshot snapshot)
    {
        var wanted = Streams(snapshot, _target).ToDictionary(o => new AllocationLogKey(o.AllocationId, o.Task, o.Stream));
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var key in _following.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
            {
                _following[key].Leave.Dispose();
                _following.Remove(key);
            }

            foreach (var (key, origin) in wanted)
            {
                if (!_following.ContainsKey(key))
                {
                    _following.Add(key, (origin, _tails.FollowAllocation(origin, _buffer, UpdateStatus)));
                }
            }

            _idle = wanted.Count > 0 || !snapshot.IsComplete ? null
                : _target.AllocationId is not null ? $"allocation {_target.AllocationId[..Math.Min(8, _target.AllocationId.Length)]} has no matching task"
                : $"no running allocation of {_target.JobId}" + (_target.Group is { } g ? "/" + g : "") + ": waiting for one to start";
        }

        UpdateStatus();
    }

    /// <summary>The buffer's status: why nothing arrives, or which tails are behind and why.</summary>
    private void UpdateStatus()
    {
        string? status;
        lock (_lock)
        {
            var behind = _following.Values
                .Select(f => (f.Origin, Status: _tails.StatusOf(new AllocationLogKey(f.Origin.AllocationId, f.Origin.Task, f.Origin.Stream))))
                .Where(f => f.Status is not null)
                .ToList();
            status = _idle ?? (behind.Count == 0 ? null
                : $"{behind.Count} of {_following.Count} log streams behind ({behind[0].Origin.ShortAllocationId}/{behind[0].Origin.Task}: {behind[0].Status}); retrying");
        }

        _buffer.Status = status;
    }
}
