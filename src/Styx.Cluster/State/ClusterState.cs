using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// The one watcher per cluster that every session shares (DESIGN.md §3): keeps jobs, nodes, allocations,
/// deployments and services current with blocking queries made with the viewer's token, and publishes an immutable
/// <see cref="ClusterSnapshot"/> to subscribers after each change. Sessions never poll Nomad themselves, so 50
/// sessions cost Nomad what one does. Detail reads (one job, one allocation) go through <see cref="SingleFlight{TKey}"/>
/// so identical concurrent reads share one request.
/// </summary>
public sealed class ClusterState : IAsyncDisposable
{
    private readonly INomadApi _api;
    private readonly ClusterStateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Action<ClusterSnapshot>> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SingleFlight<string> _details;
    private readonly Random _jitter = new();
    private readonly SemaphoreSlim _jobsChanged = new(0, 1);
    private readonly WatchHealth _health;
    private ClusterSnapshot _current = ClusterSnapshot.Empty;
    private Task _running = Task.CompletedTask;

    public ClusterState(NomadClient viewer, ClusterStateOptions options, TimeProvider time, ILogger<ClusterState> logger)
    {
        _api = viewer.Api;
        _options = options;
        _time = time;
        _logger = logger;
        _details = new SingleFlight<string>(_stop.Token);
        _health = new WatchHealth(logger);
    }

    /// <summary>The latest snapshot.</summary>
    public ClusterSnapshot Current => Volatile.Read(ref _current);

    /// <summary>How many detail requests actually went to Nomad (for tests of sharing).</summary>
    public int DetailRequests => _details.FetchesStarted;

    /// <summary>Starts the watches; they run until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        var token = _stop.Token;
        _running = Task.WhenAll(
            Watch("jobs", (index, wait, ct) => Fetch(_api.GetJobsAsync(null, index, wait, ct)), (s, v) => s with { Jobs = [.. v] }, ClusterLists.Jobs, token, SignalJobsChanged),
            Watch("nodes", (index, wait, ct) => Fetch(_api.GetNodesAsync(null, true, null, index, wait, ct)), (s, v) => s with { Nodes = [.. v] }, ClusterLists.Nodes, token),
            Watch("allocations", (index, wait, ct) => Fetch(_api.GetAllocationsAsync(null, true, index, wait, ct)), (s, v) => s with { Allocations = [.. v] }, ClusterLists.Allocations, token),
            Watch("deployments", (index, wait, ct) => Fetch(_api.GetDeploymentsAsync(index, wait, ct)), (s, v) => s with { Deployments = [.. v] }, ClusterLists.Deployments, token),
            Watch("services", (index, wait, ct) => Fetch(_api.GetServicesAsync(index, wait, ct)), (s, v) => s with { Services = [.. v.SelectMany(n => n.Services ?? [])] }, ClusterLists.Services, token),
            WatchLeaderAsync(token),
            Task.Run(() => WatchJobDefinitionsAsync(token), token));
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> with every new snapshot (on the watcher's thread: hand the work to your own
    /// thread and return quickly) and once at once with the current one. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Action<ClusterSnapshot> onChange)
    {
        lock (_gate)
        {
            _subscribers.Add(onChange);
        }

        onChange(Current);
        return new Subscription(this, onChange);
    }

    /// <summary>Subscriber count (for the status line and tests).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public Task<Job> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        _details.RunAsync("job/" + jobId, async ct => (await _api.GetJobAsync(jobId, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    public Task<Allocation> GetAllocationAsync(string allocationId, CancellationToken cancellationToken) =>
        _details.RunAsync("alloc/" + allocationId, async ct => (await _api.GetAllocationAsync(allocationId, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    public Task<Node> GetNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        _details.RunAsync("node/" + nodeId, async ct => (await _api.GetNodeAsync(nodeId, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    public Task<JobVersionsResponse> GetJobVersionsAsync(string jobId, CancellationToken cancellationToken) =>
        _details.RunAsync("versions/" + jobId, ct => _api.GetJobVersionsAsync(jobId, null, ct), cancellationToken);

    public Task<AllocResourceUsage> GetAllocationStatsAsync(string allocationId, CancellationToken cancellationToken) =>
        _details.RunAsync("alloc-stats/" + allocationId, ct => _api.GetAllocationStatsAsync(allocationId, ct), cancellationToken);

    public Task<HostStats> GetNodeStatsAsync(string nodeId, CancellationToken cancellationToken) =>
        _details.RunAsync("node-stats/" + nodeId, ct => _api.GetClientStatsAsync(nodeId, ct), cancellationToken);

    private static async Task<(List<T> Value, ulong Index)> Fetch<T>(Task<Refit.IApiResponse<List<T>>> request)
    {
        var response = await request.ConfigureAwait(false);
        return (response.Body(), response.NomadIndex());
    }

    private Task Watch<T>(
        string name,
        Func<ulong, string, CancellationToken, Task<(List<T> Value, ulong Index)>> fetch,
        Func<ClusterSnapshot, List<T>, ClusterSnapshot> apply,
        ClusterLists list,
        CancellationToken cancellationToken,
        Action? published = null)
    {
        var loop = new BlockingQueryLoop<List<T>>(
            name,
            (index, wait, ct) => fetch(index, NomadResponses.WaitText(wait), ct),
            _options.Wait,
            Backoff.Default(_jitter),
            _time,
            _logger);
        return Task.Run(
            () => loop.RunAsync(
                (value, _) =>
                {
                    Publish(s => apply(s, value) with { Loaded = s.Loaded | list, Connection = _health.Succeeded(name, _time.GetUtcNow()) });
                    published?.Invoke();
                },
                error => Failed(name, error),
                cancellationToken),
            cancellationToken);
    }

    private async Task WatchLeaderAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.Default(_jitter);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                var leader = (await _api.GetLeaderAsync(cancellationToken).ConfigureAwait(false)).GetString();
                if (leader != Current.Leader || IsFailing(LeaderWatch))
                {
                    Publish(s => s with { Leader = leader, Connection = _health.Succeeded(LeaderWatch, _time.GetUtcNow()) }, dataChanged: leader != Current.Leader);
                }

                backoff.Reset();
                next = _options.LeaderInterval;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failed(LeaderWatch, ex);
                next = backoff.Next();
            }

            try
            {
                await Task.Delay(next, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SignalJobsChanged()
    {
        try
        {
            _jobsChanged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due; it will see this list too.
        }
    }

    /// <summary>
    /// Keeps the full definition of every job (task groups, resources, scaling bounds) in the snapshot, fetched once
    /// per job version for all sessions: only jobs whose <c>JobModifyIndex</c> changed are read again. Screens need
    /// it for desired counts, scaling bounds and the CPU and memory a cluster has allocated. Like every watch it
    /// survives any failure but cancellation: a job whose definition cannot be read keeps its last good one (and does
    /// not hold up the others), the failure shows on the status line, and the round is tried again with backoff.
    /// </summary>
    private async Task WatchJobDefinitionsAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.Default(_jitter);
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? failure = null;
            try
            {
                await _jobsChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
                var jobs = Current.Jobs;
                var known = Current.JobDefinitions;
                var next = known.Where(k => jobs.Any(j => j.ID == k.Key)).ToImmutableDictionary();
                foreach (var job in jobs)
                {
                    if (known.TryGetValue(job.ID, out var definition) && definition.JobModifyIndex == job.JobModifyIndex)
                    {
                        continue;
                    }

                    try
                    {
                        next = next.SetItem(job.ID, (await _api.GetJobAsync(job.ID, null, null, cancellationToken).ConfigureAwait(false)).Body());
                    }
                    catch (NomadNotFoundException)
                    {
                        // Deleted between the list and the read; the next list (which signals again) drops it.
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        failure ??= new JobDefinitionException(job.ID, ex);
                        if (ex is NomadUnreachableException or NomadTimeoutException)
                        {
                            break; // Nomad is gone: no point asking for the other jobs now.
                        }
                    }
                }

                if (!next.SequenceEqual(known))
                {
                    Publish(s => s with { JobDefinitions = next });
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (failure is null)
            {
                backoff.Reset();
                if (IsFailing(DefinitionsWatch))
                {
                    Publish(s => s with { Connection = _health.Succeeded(DefinitionsWatch, _time.GetUtcNow()) }, dataChanged: false);
                }

                continue;
            }

            Failed(DefinitionsWatch, failure is JobDefinitionException { InnerException: { } inner } ? inner : failure,
                failure is JobDefinitionException named ? $"job {named.JobId}: " : "");
            SignalJobsChanged();
            try
            {
                await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private const string LeaderWatch = "leader";
    private const string DefinitionsWatch = "job definitions";

    /// <summary>A definition that could not be read, named, so the status line says which job.</summary>
    private sealed class JobDefinitionException(string jobId, Exception inner) : Exception(inner.Message, inner)
    {
        public string JobId { get; } = jobId;
    }

    private bool IsFailing(string watch)
    {
        lock (_gate)
        {
            return _health.IsFailing(watch);
        }
    }

    /// <summary>A watch failed: the snapshot keeps its data and says which watch fails, since when and why.</summary>
    private void Failed(string watch, Exception error, string context = "") =>
        Publish(s => s with { Connection = _health.Failed(watch, error, context, _time.GetUtcNow()) }, dataChanged: false);

    private void Publish(Func<ClusterSnapshot, ClusterSnapshot> change, bool dataChanged = true)
    {
        ClusterSnapshot next;
        Action<ClusterSnapshot>[] subscribers;
        lock (_gate)
        {
            var current = _current;
            next = change(current);
            if (!dataChanged && next.Connection == current.Connection)
            {
                return;
            }

            next = next with { Version = current.Version + 1, UpdatedAt = dataChanged ? _time.GetUtcNow() : current.UpdatedAt };
            Volatile.Write(ref _current, next);
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(next);
            }
            catch (Exception ex)
            {
                // One session's broken handler must not stop the others from seeing the cluster.
                _logger.LogError(ex, "A ClusterState subscriber threw; the others still get the snapshot");
            }
        }
    }

    private void Unsubscribe(Action<ClusterSnapshot> onChange)
    {
        lock (_gate)
        {
            _subscribers.Remove(onChange);
        }
    }

    /// <summary>Stops every watch and waits for them. Never throws: a watch that ended badly is logged, not rethrown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A Nomad watch ended with an error while stopping");
        }

        // _stop is not disposed: detail reads that race with shutdown still read its token (it holds no timer).
    }

    private sealed class Subscription(ClusterState owner, Action<ClusterSnapshot> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(onChange);
            }
        }
    }
}
