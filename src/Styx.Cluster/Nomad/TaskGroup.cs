using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>A task group of a job: its tasks run together in one allocation, <see cref="Count"/> times.</summary>
public sealed record TaskGroup
{
    public string Name { get; init; } = "";
    public int? Count { get; init; }
    public IReadOnlyList<NomadTask>? Tasks { get; init; }
    /// <summary>The group's scaling block, when it has one: <c>scale</c> must keep Count within Min..Max.</summary>
    public ScalingPolicy? Scaling { get; init; }
    public IReadOnlyList<ServiceSpec>? Services { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
