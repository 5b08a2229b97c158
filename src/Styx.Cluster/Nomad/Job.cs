using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>
/// A full job specification (<c>GET /v1/job/:id</c>). Fields Styx does not model are kept in
/// <see cref="Extra"/>, so a job read, changed (<c>Stop=false</c>) and registered again loses nothing.
/// </summary>
public sealed record Job
{
    public string? Region { get; init; }
    public string Namespace { get; init; } = "default";
    public string ID { get; init; } = "";
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public int Priority { get; init; }
    public IReadOnlyList<string>? Datacenters { get; init; }
    public string? NodePool { get; init; }
    public IReadOnlyList<TaskGroup>? TaskGroups { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
    public bool Stop { get; init; }
    public string? ParentID { get; init; }
    public string Status { get; init; } = "";
    public string? StatusDescription { get; init; }
    public bool Stable { get; init; }
    public ulong Version { get; init; }
    public long SubmitTime { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    public ulong JobModifyIndex { get; init; }

    /// <summary>Every field of the job not modelled above, exactly as Nomad sent it.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
