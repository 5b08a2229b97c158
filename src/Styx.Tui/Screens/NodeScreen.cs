using System.Collections.Immutable;
using System.Globalization;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// One node: status, eligibility, drain, class, drivers and their health, the Tailscale address, resources against
/// what is allocated, and the allocations placed on it.
/// </summary>
internal sealed class NodeScreen(string nodeId) : Screen
{
    private Node? _node;

    public string NodeId => nodeId;

    public override string Title => "Node " + (_node?.Name ?? CellText.ShortId(nodeId));

    public override ImmutableArray<Column> Columns { get; } = [new("WHAT", 28), new("STATE", 12), new("DETAIL", 80, Flexible: true)];

    public override string? DetailKey(ClusterSnapshot snapshot) =>
        snapshot.Nodes.FirstOrDefault(n => n.ID == nodeId) is { } node ? "node/" + nodeId + "@" + node.ModifyIndex.ToString(CultureInfo.InvariantCulture) : null;

    public override async Task LoadDetailAsync(ClusterState state, CancellationToken cancellationToken) =>
        _node = await state.GetNodeAsync(nodeId, cancellationToken).ConfigureAwait(false);

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var stub = s.Nodes.FirstOrDefault(n => n.ID == nodeId);
        if (stub is null)
        {
            return [new ScreenRow("missing", ["node", "not found", "the node left the cluster; esc goes back"], RowTone.Bad)];
        }

        var attributes = _node?.Attributes ?? stub.Attributes ?? ImmutableDictionary<string, string>.Empty;
        var (cpu, memory) = ClusterFacts.Allocated(s, a => a.NodeID == nodeId);
        var (cpuCapacity, memoryCapacity) = ClusterFacts.Capacity([stub]);
        var rows = new List<ScreenRow>
        {
            new("status", ["Status", stub.Status, stub.StatusDescription ?? ""], stub.Status == "ready" ? RowTone.Good : RowTone.Bad),
            new("eligibility", ["Scheduling eligibility", stub.SchedulingEligibility, stub.Drain ? "draining" : "not draining"],
                stub.SchedulingEligibility == "eligible" && !stub.Drain ? RowTone.Normal : RowTone.Warning),
            new("class", ["Class", stub.NodeClass.Length == 0 ? "-" : stub.NodeClass, $"datacenter {stub.Datacenter}, pool {stub.NodePool ?? "default"}, Nomad {stub.Version}"]),
            new("address", ["Address", stub.Address, TailscaleAddress(attributes) is { } tailscale ? "Tailscale " + tailscale : "no Tailscale address reported"]),
            new("os", ["Machine", attributes.GetValueOrDefault("kernel.name", "?"),
                $"{attributes.GetValueOrDefault("os.name", "")} {attributes.GetValueOrDefault("os.version", "")} {attributes.GetValueOrDefault("cpu.arch", "")} {attributes.GetValueOrDefault("cpu.modelname", "")}".Trim()]),
            new("cpu", ["CPU", CellText.Percent(cpu, cpuCapacity), $"{CellText.Mhz(cpu)} allocated of {CellText.Mhz(cpuCapacity)}"]),
            new("memory", ["Memory", CellText.Percent(memory, memoryCapacity), $"{CellText.MiB(memory)} allocated of {CellText.MiB(memoryCapacity)}"]),
            ScreenRow.Section("Drivers"),
        };
        foreach (var (name, driver) in (_node?.Drivers ?? stub.Drivers ?? ImmutableDictionary<string, DriverInfo>.Empty).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            rows.Add(new ScreenRow("driver/" + name, [name, driver.Healthy ? "healthy" : driver.Detected ? "unhealthy" : "not detected", driver.HealthDescription ?? ""],
                driver.Healthy ? RowTone.Good : RowTone.Bad));
        }

        if (DetailError is not null)
        {
            rows.Add(new ScreenRow("detail-error", ["node detail", "unavailable", DetailError], RowTone.Bad));
        }

        rows.Add(ScreenRow.Section("Allocations"));
        foreach (var allocation in s.Allocations.Where(a => a.NodeID == nodeId).OrderBy(a => a.DesiredStatus != "run").ThenBy(a => a.Name, StringComparer.Ordinal))
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
