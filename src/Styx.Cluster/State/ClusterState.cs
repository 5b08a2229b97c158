using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// The one watcher per cluster that every session shares (DESIGN.md §3): keeps namespaces, jobs, nodes, allocations,
/// deployments and services current with blocking queries made with the viewer's token, and publishes an immutable
/// <see cref="ClusterSnapshot"/> to subscribers after each change. Sessions never poll Nomad themselves, so 50
/// sessions cost Nomad what one does. Detail reads (one job, one allocation) go through <see cref="SingleFlight{TKey}"/>
/// so identical concurrent reads share one request.
/// </summary>
/// <remarks>
/// It watches every namespace the token may see (<c>namespace=*</c>), so one watcher serves sessions in any namespace.
/// <see cref="Current"/> and <see cref="Subscribe(Action{ClusterSnapshot})"/> give the configured namespace, as before
/// Styx knew namespaces; <see cref="CurrentIn"/> and <see cref="Subscribe(string?, Action{ClusterSnapshot})"/> give
/// another, or all (each namespace's view is taken once per snapshot, <see cref="ClusterSnapshot.InNamespace"/>).
/// Service registrations and checks cost a request per service and per allocation, so they are kept only while some
/// session asks (<see cref="WatchServices"/>).
/// </remarks>
public sealed partial class ClusterState : IAsyncDisposable
{
    private readonly INomadApi _api;
    private readonly ClusterStateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SingleFlight<string> _details;
    private readonly Random _jitter = new();
    private readonly SemaphoreSlim _jobsChanged = new(0, 1);
    private readonly WatchHealth _health;
    private ClusterSnapshot _current = ClusterSnapshot.Empty;
    private Task _running = Task.CompletedTask;
    /// <summary>When <see cref="Start"/> ran, in UTC ticks (0 before); read by monitoring on other threads.</summary>
    private long _startedAtTicks;

    public ClusterState(NomadClient viewer, ClusterStateOptions options, TimeProvider time, ILogger<ClusterState> logger)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        _api = viewer.Api;
        DefaultNamespace = viewer.Options.Namespace ?? Namespace.Default;
        _options = options;
        _time = time;
        _logger = logger;
        _details = new SingleFlight<string>(_stop.Token);
        _health = new WatchHealth(logger);
    }

    /// <summary>
    /// The namespace Styx was configured with (<c>NOMAD_NAMESPACE</c>, or Nomad's <c>default</c>): where a session
    /// starts, and what reads without a namespace address.
    /// </summary>
    public string DefaultNamespace { get; }

    /// <summary>How many detail requests actually went to Nomad (for tests of sharing).</summary>
    public int DetailRequests => _details.FetchesStarted;

    /// <summary>
    /// Every list has arrived from Nomad at least once (<see cref="ClusterSnapshot.IsComplete"/>): sessions can be
    /// served. It stays true whatever fails later; the snapshot's <see cref="ClusterSnapshot.Connection"/> says that.
    /// </summary>
    public bool HasSynced => Latest.IsComplete;

    /// <summary>
    /// How out of date the cluster picture may be now, for monitoring: zero while every list has arrived and every
    /// watch is current (a blocking query in flight is answered as soon as anything changes, so a quiet cluster is
    /// not stale); otherwise the time since it was last known current: since the oldest failing watch began to fail,
    /// or, before the first complete snapshot, since the watches started. Zero before <see cref="Start"/>.
    /// </summary>
    public TimeSpan SnapshotAge
    {
        get
        {
            var latest = Latest;
            var startedAt = Volatile.Read(ref _startedAtTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
            var staleSince = !latest.IsComplete ? startedAt : latest.Connection.UnreachableSince;
            return staleSince is { } since && _time.GetUtcNow() - since is { Ticks: > 0 } age ? age : TimeSpan.Zero;
        }
    }

    /// <summary>Starts the watches; they run until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        Volatile.Write(ref _startedAtTicks, _time.GetUtcNow().UtcTicks);
        var token = _stop.Token;
        _running = Task.WhenAll(
            Watch("namespaces", (index, wait, ct) => Fetch(_api.GetNamespacesAsync(null, index, wait, ct)), (s, v) => s with { Namespaces = [.. v] }, ClusterLists.Namespaces, token),
            Watch("jobs", (index, wait, ct) => Fetch(_api.GetJobsAsync(Namespace.All, null, index, wait, ct)), (s, v) => s with { Jobs = [.. v] }, ClusterLists.Jobs, token, SignalJobsChanged),
            Watch("nodes", (index, wait, ct) => Fetch(_api.GetNodesAsync(null, true, null, index, wait, ct)), (s, v) => s with { Nodes = [.. v] }, ClusterLists.Nodes, token),
            Watch("allocations", (index, wait, ct) => Fetch(_api.GetAllocationsAsync(Namespace.All, null, true, index, wait, ct)), (s, v) => s with { Allocations = [.. v] }, ClusterLists.Allocations, token),
            Watch("deployments", (index, wait, ct) => Fetch(_api.GetDeploymentsAsync(Namespace.All, index, wait, ct)), (s, v) => s with { Deployments = [.. v] }, ClusterLists.Deployments, token),
            Watch("services", (index, wait, ct) => Fetch(_api.GetServicesAsync(Namespace.All, index, wait, ct)),
                (s, v) => s with { ServiceLists = [.. v], Services = [.. v.SelectMany(n => n.Services ?? [])] }, ClusterLists.Services, token, SignalServicesWork),
            WatchLeaderAsync(token),
            Task.Run(() => WatchJobDefinitionsAsync(token), token),
            Task.Run(() => WatchServicesAsync(token), token));
    }

    /// <summary>A job's full definition, read now (shared with identical reads in flight).</summary>
    /// <param name="namespace">The job's namespace; null: <see cref="DefaultNamespace"/>.</param>
    public Task<Job> GetJobAsync(string? @namespace, string jobId, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return _details.RunAsync(Key("job", ns, jobId), async ct => (await _api.GetJobAsync(jobId, ns, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);
    }

    /// <summary>A job of <see cref="DefaultNamespace"/>.</summary>
    public Task<Job> GetJobAsync(string jobId, CancellationToken cancellationToken) => GetJobAsync(null, jobId, cancellationToken);

    public Task<Allocation> GetAllocationAsync(string allocationId, CancellationToken cancellationToken) =>
        _details.RunAsync("alloc/" + allocationId, async ct => (await _api.GetAllocationAsync(allocationId, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    public Task<Node> GetNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        _details.RunAsync("node/" + nodeId, async ct => (await _api.GetNodeAsync(nodeId, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    /// <param name="namespace">The job's namespace; null: <see cref="DefaultNamespace"/>.</param>
    public Task<JobVersionsResponse> GetJobVersionsAsync(string? @namespace, string jobId, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return _details.RunAsync(Key("versions", ns, jobId), ct => _api.GetJobVersionsAsync(jobId, ns, null, ct), cancellationToken);
    }

    /// <summary>The versions of a job of <see cref="DefaultNamespace"/>.</summary>
    public Task<JobVersionsResponse> GetJobVersionsAsync(string jobId, CancellationToken cancellationToken) => GetJobVersionsAsync(null, jobId, cancellationToken);

    public Task<AllocResourceUsage> GetAllocationStatsAsync(string allocationId, CancellationToken cancellationToken) =>
        _details.RunAsync("alloc-stats/" + allocationId, ct => _api.GetAllocationStatsAsync(allocationId, ct), cancellationToken);

    public Task<HostStats> GetNodeStatsAsync(string nodeId, CancellationToken cancellationToken) =>
        _details.RunAsync("node-stats/" + nodeId, ct => _api.GetClientStatsAsync(nodeId, ct), cancellationToken);

    /// <summary>
    /// An allocation's Nomad-native check results by check ID, read now from its client (empty when it has none).
    /// For a screen that shows many allocations' checks, <see cref="WatchServices"/> keeps them in the snapshot.
    /// </summary>
    public Task<IReadOnlyDictionary<string, AllocCheckStatus>> GetAllocationChecksAsync(string allocationId, CancellationToken cancellationToken) =>
        _details.RunAsync<IReadOnlyDictionary<string, AllocCheckStatus>>("alloc-checks/" + allocationId,
            async ct => (IReadOnlyDictionary<string, AllocCheckStatus>?)await _api.GetAllocationChecksAsync(allocationId, ct).ConfigureAwait(false)
                        ?? ImmutableDictionary<string, AllocCheckStatus>.Empty,
            cancellationToken);

    /// <summary>Every instance of a service in a namespace, read now.</summary>
    public Task<List<ServiceRegistration>> GetServiceRegistrationsAsync(string @namespace, string serviceName, CancellationToken cancellationToken) =>
        _details.RunAsync(Key("service", @namespace, serviceName), async ct => (await _api.GetServiceAsync(serviceName, @namespace, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    /// <summary>The service registrations of a job, read now.</summary>
    public Task<List<ServiceRegistration>> GetJobServicesAsync(string @namespace, string jobId, CancellationToken cancellationToken) =>
        _details.RunAsync(Key("job-services", @namespace, jobId), async ct => (await _api.GetJobServicesAsync(jobId, @namespace, null, null, ct).ConfigureAwait(false)).Body(), cancellationToken);

    /// <summary>A detail read's key: a namespace name cannot hold '/', so the ID after it may.</summary>
    private static string Key(string kind, string @namespace, string id) => $"{kind}/{@namespace}/{id}";

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
                if (leader != Latest.Leader || IsFailing(LeaderWatch))
                {
                    Publish(s => s with { Leader = leader, Connection = _health.Succeeded(LeaderWatch, _time.GetUtcNow()) }, dataChanged: leader != Latest.Leader);
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
                var jobs = Latest.Jobs;
                var known = Latest.JobDefinitions;
                var next = WithoutGoneJobs(known, jobs);
                var changed = next != known;
                foreach (var job in jobs)
                {
                    if (Find(known, job) is { } definition && definition.JobModifyIndex == job.JobModifyIndex)
                    {
                        continue;
                    }

                    try
                    {
                        var read = (await _api.GetJobAsync(job.ID, job.Namespace, null, null, cancellationToken).ConfigureAwait(false)).Body();
                        next = next.SetItem(job.Namespace, (next.GetValueOrDefault(job.Namespace) ?? ImmutableDictionary<string, Job>.Empty).SetItem(job.ID, read));
                        changed = true;
                    }
                    catch (NomadNotFoundException)
                    {
                        // Deleted between the list and the read; the next list (which signals again) drops it.
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        failure ??= new JobDefinitionException(job.Namespace == Namespace.Default ? job.ID : $"{job.ID}@{job.Namespace}", ex);
                        if (ex is NomadUnreachableException or NomadTimeoutException)
                        {
                            break; // Nomad is gone: no point asking for the other jobs now.
                        }
                    }
                }

                if (changed)
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

    private static Job? Find(ImmutableDictionary<string, ImmutableDictionary<string, Job>> definitions, JobListStub job) =>
        definitions.TryGetValue(job.Namespace, out var inNamespace) && inNamespace.TryGetValue(job.ID, out var definition) ? definition : null;

    /// <summary>The definitions of jobs still listed (the same instance when none went away).</summary>
    private static ImmutableDictionary<string, ImmutableDictionary<string, Job>> WithoutGoneJobs(
        ImmutableDictionary<string, ImmutableDictionary<string, Job>> definitions, ImmutableArray<JobListStub> jobs)
    {
        var listed = jobs.GroupBy(j => j.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(j => j.ID).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var result = definitions;
        foreach (var (ns, byId) in definitions)
        {
            if (!listed.TryGetValue(ns, out var ids))
            {
                result = result.Remove(ns);
                continue;
            }

            var gone = byId.Keys.Where(id => !ids.Contains(id)).ToList();
            if (gone.Count > 0)
            {
                result = result.SetItem(ns, byId.RemoveRange(gone));
            }
        }

        return result;
    }

    private const string LeaderWatch = "leader";
    private const string DefinitionsWatch = "job definitions";

    /// <summary>A definition that could not be read, named (<c>web</c>, or <c>web@staging</c> outside the default namespace), so the status line says which job.</summary>
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
}
