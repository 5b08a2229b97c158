using System.Collections.Immutable;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// The Nomad-native check results of one allocation (<c>/v1/client/allocation/:id/checks</c>), ordered by service
/// and check name. Each result's <see cref="AllocCheckStatus.Timestamp"/> is when its current status was first seen:
/// a check that keeps passing is not a change, so it does not wake every session again.
/// </summary>
public sealed record AllocationChecks(string Namespace, string AllocID, ImmutableArray<AllocCheckStatus> Results)
{
    /// <summary>Any check failing; otherwise pending if any has not passed yet; otherwise success (also when there are none).</summary>
    public string Status =>
        Results.Any(c => c.Status == AllocCheckStatus.Failure) ? AllocCheckStatus.Failure
        : Results.Any(c => c.Status != AllocCheckStatus.Success) ? AllocCheckStatus.Pending
        : AllocCheckStatus.Success;

    /// <summary>Equal when every check has the same status, output and HTTP code (the time of the last run aside).</summary>
    public bool SameStatusAs(AllocationChecks? other) =>
        other is not null && other.Results.Length == Results.Length
        && Results.Zip(other.Results).All(p => p.First.ID == p.Second.ID && p.First.Status == p.Second.Status
                                              && p.First.Output == p.Second.Output && p.First.StatusCode == p.Second.StatusCode);
}
