namespace Styx.Cluster.Nomad;

/// <summary>One instance of a Nomad-native service (<c>/v1/service/:name</c>, <c>/v1/job/:id/services</c>).</summary>
public sealed record ServiceRegistration
{
    public string ID { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public string NodeID { get; init; } = "";
    public string Datacenter { get; init; } = "";
    public string JobID { get; init; } = "";
    public string AllocID { get; init; } = "";
    public IReadOnlyList<string>? Tags { get; init; }
    public string Address { get; init; } = "";
    public int Port { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
}
