using System.Collections.Immutable;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>The per-namespace view of a snapshot, cheap enough to take per session per snapshot.</summary>
public sealed partial record ClusterSnapshot
{
    /// <summary>
    /// This snapshot narrowed to one namespace: its jobs, allocations, deployments, services, definitions and checks
    /// only. Nodes, the namespace list, the leader and the connection stay as they are. Null or <c>*</c> gives the
    /// snapshot itself. Call it on a snapshot of every namespace (<see cref="ClusterState.Current"/>); on a view of
    /// another namespace it gives an empty one.
    /// </summary>
    /// <remarks>
    /// One pass over each list, and no copy at all of a list that lies wholly in the namespace (a cluster that uses
    /// one namespace); definitions and checks are kept per namespace, so picking one costs nothing.
    /// </remarks>
    public ClusterSnapshot InNamespace(string? @namespace) => InNamespace(@namespace, null, null);

    /// <summary>
    /// <see cref="InNamespace(string?)"/>, reusing the lists of <paramref name="earlierView"/> (the same namespace's view
    /// of <paramref name="earlierSource"/>) where this snapshot's list is still the one it was taken from: a published
    /// snapshot usually changes one list, so only that one is narrowed again, and an unchanged list keeps its identity.
    /// </summary>
    internal ClusterSnapshot InNamespace(string? @namespace, ClusterSnapshot? earlierSource, ClusterSnapshot? earlierView)
    {
        if (@namespace is null or Nomad.Namespace.All || @namespace == Namespace)
        {
            return this;
        }

        var earlier = earlierView is not null && earlierSource is not null && earlierView.Namespace == @namespace && earlierSource.Namespace is null
            ? (Source: earlierSource, View: earlierView)
            : default;
        var sameLists = earlier.Source is not null && earlier.Source.ServiceLists == ServiceLists;
        var serviceLists = sameLists ? earlier.View!.ServiceLists : Only(ServiceLists, l => l.Namespace, @namespace);
        return this with
        {
            Namespace = @namespace,
            Jobs = earlier.Source?.Jobs == Jobs ? earlier.View!.Jobs : Only(Jobs, j => j.Namespace, @namespace),
            Allocations = earlier.Source?.Allocations == Allocations ? earlier.View!.Allocations : Only(Allocations, a => a.Namespace, @namespace),
            Deployments = earlier.Source?.Deployments == Deployments ? earlier.View!.Deployments : Only(Deployments, d => d.Namespace, @namespace),
            ServiceLists = serviceLists,
            Services = sameLists ? earlier.View!.Services : serviceLists == ServiceLists ? Services : [.. serviceLists.SelectMany(l => l.Services ?? [])],
            ServiceRegistrations = earlier.Source?.ServiceRegistrations == ServiceRegistrations
                ? earlier.View!.ServiceRegistrations
                : Only(ServiceRegistrations, r => r.Namespace, @namespace),
            JobDefinitions = OnlyKey(JobDefinitions, @namespace),
            Checks = OnlyKey(Checks, @namespace),
        };
    }

    private static ImmutableArray<T> Only<T>(ImmutableArray<T> items, Func<T, string> namespaceOf, string @namespace)
    {
        var count = 0;
        foreach (var item in items)
        {
            if (namespaceOf(item) == @namespace)
            {
                count++;
            }
        }

        if (count == items.Length)
        {
            return items;
        }

        var builder = ImmutableArray.CreateBuilder<T>(count);
        foreach (var item in items)
        {
            if (namespaceOf(item) == @namespace)
            {
                builder.Add(item);
            }
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableDictionary<string, TValue> OnlyKey<TValue>(ImmutableDictionary<string, TValue> byNamespace, string @namespace) =>
        byNamespace.Count == 1 && byNamespace.ContainsKey(@namespace) ? byNamespace
        : byNamespace.TryGetValue(@namespace, out var value) ? ImmutableDictionary<string, TValue>.Empty.Add(@namespace, value)
        : ImmutableDictionary<string, TValue>.Empty;
}
