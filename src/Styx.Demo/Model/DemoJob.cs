using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>
/// A job as the simulated servers hold it: the full definition as Nomad JSON (so whatever a client registers comes back
/// unchanged) plus the server-side fields. Mutated only under <see cref="DemoCluster"/>'s lock.
/// </summary>
internal sealed class DemoJob
{
    private JsonObject _definition = [];

    public required string Id { get; init; }

    public required string Namespace { get; init; }

    public NamespacedId Key => new(Namespace, Id);

    /// <summary>The current version's definition, without the server-managed fields (those are added on read).</summary>
    public JsonObject Definition
    {
        get => _definition;
        set
        {
            // Round-trip through text so every value is JSON-backed: numbers then convert to any numeric type, as
            // they do when a definition arrives over HTTP.
            _definition = (JsonObject)JsonNode.Parse(value.ToJsonString())!;
            Groups = DemoGroupSpec.Read(_definition);
        }
    }

    public ImmutableArray<DemoGroupSpec> Groups { get; private set; } = [];

    public string Type => (string?)Definition["Type"] ?? "service";
    public bool Stop { get; set; }
    public ulong Version { get; set; }
    public bool Stable { get; set; }
    public string Status { get; set; } = "pending";
    public long SubmitTime { get; set; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; set; }
    public ulong JobModifyIndex { get; set; }

    /// <summary>Every version, oldest first, each with its server fields as they were.</summary>
    public List<JsonObject> Versions { get; } = [];

    public DemoGroupSpec? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);
}
