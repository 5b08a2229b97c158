using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>One entry of the event stream buffer; the payload is the wire JSON of the object at the time of the change.</summary>
internal sealed record DemoEvent(ulong Index, string Topic, string Type, string Key, string Namespace, string PayloadName, JsonNode Payload);
