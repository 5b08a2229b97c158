namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/job/:id/scale</c>.</summary>
public sealed record ScalingRequest
{
    public long? Count { get; init; }
    public required ScalingTarget Target { get; init; }
    public string? Message { get; init; }
    /// <summary>A bool in Nomad's Go <c>api.ScalingRequest</c>, although the docs say string (cluster-apis.md §1.3).</summary>
    public bool Error { get; init; }
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Meta { get; init; }
    public bool PolicyOverride { get; init; }
}

/// <summary>Which task group to scale.</summary>
public sealed record ScalingTarget
{
    public required string Group { get; init; }
}
