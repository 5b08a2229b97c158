using System.Collections.Immutable;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// Service registrations and checks, kept in the snapshot only while some session watches them: they cost one request
/// per service name and one per allocation (checks have no blocking query and no list endpoint), so the union of what
/// every session asks for is read once per round and shared, and nothing is read while nobody looks.
/// </summary>
public sealed partial class ClusterState
{
    /// <summary>How many service and check reads run at once: enough to finish a round soon, few enough for Nomad.</summary>
    private const int ServiceReadConcurrency = 4;

    private const string ServicesWatch = "services and checks";

    private readonly SemaphoreSlim _servicesWork = new(0, 1);
    private readonly Dictionary<string, int> _serviceDemand = new(StringComparer.Ordinal);
    private int _serviceRounds;

    /// <summary>Rounds of service and check reads made so far (for tests that count requests per round).</summary>
    public int ServiceRounds => Volatile.Read(ref _serviceRounds);

    /// <summary>
    /// Keeps <see cref="ClusterSnapshot.ServiceRegistrations"/> and <see cref="ClusterSnapshot.Checks"/> of
    /// <paramref name="namespace"/> (null or <c>*</c>: every namespace) current until the result is disposed: the
    /// registrations again whenever the service list changes, the checks of every running or starting allocation
    /// whose job has Nomad-native checks every <see cref="ClusterStateOptions.ChecksInterval"/>. Any number of
    /// sessions may hold one: Nomad sees one reader of their union. When the last is disposed the data is dropped.
    /// </summary>
    public IDisposable WatchServices(string? @namespace)
    {
        var key = @namespace ?? Namespace.All;
        lock (_gate)
        {
            _serviceDemand[key] = _serviceDemand.GetValueOrDefault(key) + 1;
        }

        SignalServicesWork();
        return new ServiceDemand(this, key);
    }

    private void ReleaseServices(string key)
    {
        lock (_gate)
        {
            if (--_serviceDemand[key] == 0)
            {
                _serviceDemand.Remove(key);
            }
        }

        SignalServicesWork();
    }

    /// <summary>The namespaces asked for: null for all of them, empty when nobody watches.</summary>
    private HashSet<string>? ServiceDemandNow()
    {
        lock (_gate)
        {
            return _serviceDemand.ContainsKey(Namespace.All) ? null : [.. _serviceDemand.Keys];
        }
    }

    private void SignalServicesWork()
    {
        try
        {
            _servicesWork.Release();
        }
        catch (SemaphoreFullException)
        {
            // A round is already due; it will see this change too.
        }
    }

    private async Task WatchServicesAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.Default(_jitter);
        var registrationsFrom = default(ImmutableArray<ServiceRegistrationListStub>);
        HashSet<string>? registrationsFor = [];
        var wait = Timeout.InfiniteTimeSpan;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WakeAsync(wait, cancellationToken).ConfigureAwait(false);
                var demand = ServiceDemandNow();
                if (demand is { Count: 0 })
                {
                    if ((Latest.Loaded & (ClusterLists.ServiceRegistrations | ClusterLists.Checks)) != 0)
                    {
                        Publish(s => s with { ServiceRegistrations = [], Checks = s.Checks.Clear(), Loaded = s.Loaded & ~(ClusterLists.ServiceRegistrations | ClusterLists.Checks) });
                    }

                    (registrationsFrom, registrationsFor, wait) = (default, [], Timeout.InfiniteTimeSpan);
                    continue;
                }

                var snapshot = Latest;
                var registrations = snapshot.ServiceRegistrations;
                if (registrationsFrom != snapshot.ServiceLists || !SameDemand(registrationsFor, demand))
                {
                    registrations = await ReadRegistrationsAsync(snapshot, demand, cancellationToken).ConfigureAwait(false);
                    (registrationsFrom, registrationsFor) = (snapshot.ServiceLists, demand);
                }

                var checks = await ReadChecksAsync(snapshot, demand, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _serviceRounds);
                // Under the lock, against whatever was published meanwhile; an unchanged snapshot is not published.
                Publish(s =>
                {
                    var changedRegistrations = !SameRegistrations(s.ServiceRegistrations, registrations);
                    var merged = KeepUnchangedChecks(s.Checks, checks, out var changedChecks);
                    var loaded = s.Loaded | ClusterLists.ServiceRegistrations | ClusterLists.Checks;
                    return changedRegistrations || changedChecks || loaded != s.Loaded || _health.IsFailing(ServicesWatch)
                        ? s with
                        {
                            ServiceRegistrations = changedRegistrations ? registrations : s.ServiceRegistrations,
                            Checks = merged,
                            Loaded = loaded,
                            Connection = _health.Succeeded(ServicesWatch, _time.GetUtcNow()),
                        }
                        : s;
                }, dataChanged: true);
                backoff.Reset();
                wait = _options.ChecksInterval;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failed(ServicesWatch, ex);
                wait = backoff.Next();
            }
        }
    }

    /// <summary>Waits until the interval passes (never, for infinite) or the demand or the service list changes.</summary>
    private async Task WakeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _servicesWork.WaitAsync(wake.Token);
        var elapsed = interval == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, wake.Token) : Task.Delay(interval, _time, wake.Token);
        await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<ImmutableArray<ServiceRegistration>> ReadRegistrationsAsync(ClusterSnapshot snapshot, HashSet<string>? demand, CancellationToken cancellationToken)
    {
        var services = snapshot.ServiceLists
            .Where(l => demand is null || demand.Contains(l.Namespace))
            .SelectMany(l => (l.Services ?? []).Select(s => (l.Namespace, s.ServiceName)))
            .ToList();
        var found = new List<ServiceRegistration>[services.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, services.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ServiceReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = (await _api.GetServiceAsync(services[i].ServiceName, services[i].Namespace, null, null, ct).ConfigureAwait(false)).Body()).ConfigureAwait(false);
        return [.. found.SelectMany(f => f).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.ServiceName, StringComparer.Ordinal).ThenBy(r => r.ID, StringComparer.Ordinal)];
    }

    /// <summary>The checks of every live allocation in the demanded namespaces whose job's group has Nomad-native checks.</summary>
    private async Task<ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>>> ReadChecksAsync(ClusterSnapshot snapshot, HashSet<string>? demand, CancellationToken cancellationToken)
    {
        var allocations = snapshot.Allocations
            .Where(a => (demand is null || demand.Contains(a.Namespace)) && a.DesiredStatus == "run" && a.ClientStatus is "running" or "pending" && HasNomadChecks(snapshot, a))
            .ToList();
        var found = new AllocationChecks?[allocations.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, allocations.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ServiceReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var allocation = allocations[i];
                try
                {
                    var results = await _api.GetAllocationChecksAsync(allocation.ID, ct).ConfigureAwait(false);
                    found[i] = new AllocationChecks(allocation.Namespace, allocation.ID,
                        [.. (results?.Values.AsEnumerable() ?? []).OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Check, StringComparer.Ordinal).ThenBy(c => c.ID, StringComparer.Ordinal)]);
                }
                catch (NomadNotFoundException)
                {
                    // Gone since the list was read (garbage-collected, or its node left): nothing to show.
                }
            }).ConfigureAwait(false);
        return found.OfType<AllocationChecks>()
            .GroupBy(c => c.Namespace, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(c => c.AllocID, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Whether the allocation's group (or one of its tasks) has a <c>provider = "nomad"</c> service with a check.</summary>
    private static bool HasNomadChecks(ClusterSnapshot snapshot, AllocationListStub allocation)
    {
        var group = snapshot.Definition(allocation)?.TaskGroups?.FirstOrDefault(g => g.Name == allocation.TaskGroup);
        var services = (group?.Services ?? []).Concat(group?.Tasks?.SelectMany(t => t.Services ?? []) ?? []);
        return services.Any(s => s.Provider == "nomad" && s.Checks is { Count: > 0 });
    }

    private static bool SameDemand(HashSet<string>? a, HashSet<string>? b) => a is null ? b is null : b is not null && a.SetEquals(b);

    /// <summary>Registrations are equal when the same instances are there at the same modify index.</summary>
    private static bool SameRegistrations(ImmutableArray<ServiceRegistration> a, ImmutableArray<ServiceRegistration> b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First.ID == p.Second.ID && p.First.Namespace == p.Second.Namespace && p.First.ModifyIndex == p.Second.ModifyIndex);

    /// <summary>
    /// The new check results, except that an allocation whose checks only ran again (same statuses) keeps its earlier
    /// results: a check that keeps passing is not news, and a new snapshot would wake every session for nothing.
    /// </summary>
    private static ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>> KeepUnchangedChecks(
        ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>> before,
        ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>> now,
        out bool changed)
    {
        changed = before.Count != now.Count;
        var result = now;
        foreach (var (ns, byAllocation) in now)
        {
            var previous = before.GetValueOrDefault(ns);
            changed |= previous is null || previous.Count != byAllocation.Count;
            var kept = byAllocation;
            foreach (var (id, checks) in byAllocation)
            {
                if (previous?.GetValueOrDefault(id) is { } old && checks.SameStatusAs(old))
                {
                    kept = kept.SetItem(id, old);
                }
                else
                {
                    changed = true;
                }
            }

            result = result.SetItem(ns, kept);
        }

        return changed ? result : before;
    }

    private sealed class ServiceDemand(ClusterState owner, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.ReleaseServices(key);
            }
        }
    }
}
