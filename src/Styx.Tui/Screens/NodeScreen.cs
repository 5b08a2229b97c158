using System.Collections.Immutable;
using System.Globalization;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>
/// One node: status, eligibility, drain, class, drivers and their health, the Tailscale address, resources against
/// what is allocated, and the allocations placed on it.
/// </summary>
internal sealed class NodeScreen(string nodeId) : Screen
{
    public string NodeId => nodeId;

    public override string Title(ScreenData data) =>
        "Node " + (data.Snapshot.Nodes.FirstOrDefault(n => n.ID == nodeId)?.Name ?? data.DetailAs<Node>()?.Name ?? CellText.ShortId(nodeId));

    public override TargetKinds Targets => TargetKinds.Node | TargetKinds.Allocation;

    public override ImmutableArray<Column> Columns { get; } = [new("WHAT", 28), new("STATE", 12), new("DETAIL", 80, Flexible: true)];

    /// <summary>The Nodes table's queries, this node's row picked out: every session on any node's detail shares them.</summary>
    public override IReadOnlyList<string> SparklineQueries => [SparklineCells.NodesCpu, SparklineCells.NodesMemory];

    /// <summary>The full node (attributes, drivers), read again whenever the node changes.</summary>
    public override DetailRequest? Detail(ClusterSnapshot snapshot) =>
        snapshot.Nodes.FirstOrDefault(n => n.ID == nodeId) is { } node
            ? new DetailRequest("node/" + nodeId + "@" + node.ModifyIndex.ToString(CultureInfo.InvariantCulture),
                async (state, ct) => await state.GetNodeAsync(nodeId, ct).ConfigureAwait(false))
            : null;

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var stub = s.Nodes.FirstOrDefault(n => n.ID == nodeId);
        if (stub is null)
        {
            return [new ScreenRow("missing", ["node", "not found", "the node left the cluster; esc goes back"], RowTone.Bad)];
        }

        var detail = data.DetailAs<Node>();
        var attributes = detail?.Attributes ?? stub.Attributes ?? ImmutableDictionary<string, string>.Empty;
        var (cpu, memory) = ClusterFacts.Allocated(s, a => a.NodeID == nodeId);
        var (cpuCapacity, memoryCapacity) = ClusterFacts.Capacity([stub]);
        var rows = new List<ScreenRow>
        {
            new("status", ["Status", stub.Status, stub.StatusDescription ?? ""], stub.Status == "ready" ? RowTone.Good : RowTone.Bad),
            new("eligibility", ["Scheduling eligibility", stub.SchedulingEligibility, stub.Drain ? "draining" : "not draining"],
                stub.SchedulingEligibility == "eligible" && !stub.Drain ? RowTone.Normal : RowTone.Warning),
            new("class", ["Class", NodeFacts.Class(stub), $"datacenter {stub.Datacenter}, pool {stub.NodePool ?? "default"}, Nomad {stub.Version}"]),
            new("address", ["Address", stub.Address, TailscaleAddress(attributes) is { } tailscale ? "Tailscale " + tailscale : "no Tailscale address reported"]),
            new("os", ["Machine", attributes.GetValueOrDefault("kernel.name", "?"),
                $"{attributes.GetValueOrDefault("os.name", "")} {attributes.GetValueOrDefault("os.version", "")} {attributes.GetValueOrDefault("cpu.arch", "")} {attributes.GetValueOrDefault("cpu.modelname", "")}".Trim()]),
            new("cpu", ["CPU", CellText.Percent(cpu, cpuCapacity), $"{CellText.Mhz(cpu)} allocated of {CellText.Mhz(cpuCapacity)} · used {SparklineCells.Cell(data, SparklineCells.NodesCpu, SparklineCells.NodeKey, stub.Name, MetricUnit.Percent)}"]),
            new("memory", ["Memory", CellText.Percent(memory, memoryCapacity), $"{CellText.MiB(memory)} allocated of {CellText.MiB(memoryCapacity)} · used {SparklineCells.Cell(data, SparklineCells.NodesMemory, SparklineCells.NodeKey, stub.Name, MetricUnit.Bytes)}"]),
            ScreenRow.Section("Drivers"),
        };
        foreach (var (name, driver) in (detail?.Drivers ?? stub.Drivers ?? ImmutableDictionary<string, DriverInfo>.Empty).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            rows.Add(new ScreenRow("driver/" + name, [name, driver.Healthy ? "healthy" : driver.Detected ? "unhealthy" : "not detected", driver.HealthDescription ?? ""],
                driver.Healthy ? RowTone.Good : RowTone.Bad));
        }

        if (data.DetailError is { } error)
        {
            rows.Add(new ScreenRow("detail-error", ["node detail", "unavailable", error], RowTone.Bad));
        }

        rows.Add(ScreenRow.Section("Allocations"));
        foreach (var allocation in AllocationFacts.InListOrder(s.Allocations.Where(a => a.NodeID == nodeId)))
        {
            rows.Add(new ScreenRow("alloc/" + allocation.ID, [allocation.Name, allocation.ClientStatus, $"{CellText.ShortId(allocation.ID)}, job {allocation.JobID}, desired {allocation.DesiredStatus}"],
                ClusterFacts.AllocationTone(allocation.ClientStatus, allocation.DesiredStatus), new AllocationTarget(allocation.ID, allocation.Name)));
        }

        return rows;
    }

    /// <summary>Styx nodes report their tailnet address as a node attribute or meta (unique.network.ip-address is the LAN one).</summary>
    private static string? TailscaleAddress(IReadOnlyDictionary<string, string> attributes) =>
        attributes.FirstOrDefault(a => a.Key.Contains("tailscale", StringComparison.OrdinalIgnoreCase)).Value;
}
