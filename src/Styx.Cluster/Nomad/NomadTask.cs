using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>A task of a task group (Nomad's <c>Task</c>; renamed so it cannot be confused with <see cref="System.Threading.Tasks.Task"/>).</summary>
public sealed record NomadTask
{
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "";
    public Resources? Resources { get; init; }
    public IReadOnlyList<ServiceSpec>? Services { get; init; }
    public IReadOnlyDictionary<string, string>? Env { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
