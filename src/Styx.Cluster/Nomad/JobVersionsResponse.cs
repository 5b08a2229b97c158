using System.Text.Json;

namespace Styx.Cluster.Nomad;

/// <summary><c>GET /v1/job/:id/versions</c>: every stored version of the job, newest first, and optional diffs.</summary>
public sealed record JobVersionsResponse
{
    public IReadOnlyList<Job>? Versions { get; init; }
    /// <summary>Only with <c>diffs=true</c>; kept raw (a deep structure screens render as a tree).</summary>
    public JsonElement? Diffs { get; init; }
    public ulong Index { get; init; }
}
