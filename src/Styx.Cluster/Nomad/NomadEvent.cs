using System.Text.Json;

namespace Styx.Cluster.Nomad;

/// <summary>One event of <c>/v1/event/stream</c> (Topic Job, Allocation, Node, Deployment, Evaluation, Service…).</summary>
public sealed record NomadEvent
{
    public string Topic { get; init; } = "";
    /// <summary>e.g. <c>JobRegistered</c>, <c>AllocationUpdated</c>, <c>NodeDrain</c>.</summary>
    public string Type { get; init; } = "";
    public string Key { get; init; } = "";
    public string? Namespace { get; init; }
    public IReadOnlyList<string>? FilterKeys { get; init; }
    public ulong Index { get; init; }
    /// <summary><c>{ "&lt;Topic&gt;": { … } }</c>, kept raw: read it with <see cref="NomadJson.Options"/> into the topic's type.</summary>
    public JsonElement? Payload { get; init; }
}
