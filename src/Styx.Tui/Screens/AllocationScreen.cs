using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>
/// One allocation: where it runs and why it is in its state, each task's state with its recent events, resource use
/// against what was asked for, and, when it could not be placed, the scheduler's reasons in plain words.
/// </summary>
internal sealed class AllocationScreen(string allocationId) : Screen
{
    public string AllocationId => allocationId;

    public override string Title(ScreenData data) =>
        "Allocation " + (data.Snapshot.Allocations.FirstOrDefault(a => a.ID == allocationId)?.Name ?? CellText.ShortId(allocationId));

    public override TargetKinds Targets => TargetKinds.Allocation | TargetKinds.Job | TargetKinds.Node | TargetKinds.Task;

    public override ImmutableArray<Column> Columns { get; } = [new("WHAT", 26), new("STATE", 12), new("DETAIL", 90, Flexible: true)];

    /// <summary>The full allocation (task events, metrics) and, while it runs, its resource use; read again when it changes.</summary>
    public override DetailRequest? Detail(ClusterSnapshot snapshot) =>
        snapshot.Allocations.FirstOrDefault(a => a.ID == allocationId) is { } stub
            ? new DetailRequest("alloc/" + allocationId + "@" + stub.ModifyIndex.ToString(CultureInfo.InvariantCulture), async (state, ct) =>
            {
                var allocation = await state.GetAllocationAsync(allocationId, ct).ConfigureAwait(false);
                var usage = allocation.ClientStatus == "running" ? await state.GetAllocationStatsAsync(allocationId, ct).ConfigureAwait(false) : null;
                return new AllocationDetail(allocation, usage);
            })
            : null;

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var stub = data.Snapshot.Allocations.FirstOrDefault(a => a.ID == allocationId);
        var allocation = data.DetailAs<AllocationDetail>()?.Allocation;
        var stats = data.DetailAs<AllocationDetail>()?.Usage;
        if (stub is null)
        {
            return [new ScreenRow("missing", ["allocation", "not found", "garbage-collected or never existed; esc goes back"], RowTone.Bad)];
        }

        var rows = new List<ScreenRow>
        {
            new("status", ["Status", stub.ClientStatus, $"desired {stub.DesiredStatus}{Suffix(stub.DesiredDescription)}{Suffix(stub.ClientDescription)}"],
                ClusterFacts.AllocationTone(stub.ClientStatus, stub.DesiredStatus)),
            new("job", ["Job", stub.JobID, $"group {stub.TaskGroup}, version {stub.JobVersion}"], RowTone.Normal, new JobTarget(stub.JobID, stub.Namespace)),
            new("node", ["Node", stub.NodeName, CellText.ShortId(stub.NodeID)], RowTone.Normal, new NodeTarget(stub.NodeID, stub.NodeName)),
            new("health", ["Deployment health", AllocationFacts.Healthy(stub), ""]),
            new("age", ["Created", CellText.Age(CellText.FromNanoseconds(stub.CreateTime), data.Now) + " ago", $"ID {stub.ID}"]),
        };
        if (stub.PreviousAllocation is { Length: > 0 } previous)
        {
            rows.Add(new ScreenRow("previous", ["Replaces", CellText.ShortId(previous), "the allocation this one was rescheduled from"], RowTone.Muted, new AllocationTarget(previous, previous)));
        }

        if (data.DetailError is { } error)
        {
            rows.Add(new ScreenRow("detail-error", ["allocation detail", "unavailable", error], RowTone.Bad));
        }

        var placement = PlacementFailure(allocation?.Metrics);
        if (placement is not null && stub.ClientStatus == "pending")
        {
            rows.Add(ScreenRow.Section("Placement"));
            rows.Add(new ScreenRow("placement", ["Why not placed", "", placement], RowTone.Warning));
        }

        var requested = allocation?.TaskResources ?? ImmutableDictionary<string, Resources>.Empty;
        rows.Add(ScreenRow.Section("Tasks"));
        foreach (var (name, task) in (allocation?.TaskStates ?? stub.TaskStates ?? ImmutableDictionary<string, TaskState>.Empty).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var usage = stats?.Tasks?.GetValueOrDefault(name)?.ResourceUsage;
            var resources = requested.GetValueOrDefault(name);
            var use = usage is null ? "" :
                $"; using {(usage.CpuStats?.Percent ?? 0).ToString("0.0", CultureInfo.InvariantCulture)}% CPU, {CellText.Bytes(usage.MemoryStats?.RSS ?? usage.MemoryStats?.Usage ?? 0)} of {resources?.MemoryMB ?? 0} MiB";
            rows.Add(new ScreenRow("task/" + name,
                [name, task.State, $"{(task.Failed ? "failed, " : "")}{task.Restarts} restarts{(task.StartedAt is { } started ? ", started " + CellText.Age(started, data.Now) + " ago" : "")}{use}"],
                task.Failed ? RowTone.Bad : task.State == "running" ? RowTone.Good : RowTone.Muted, new TaskTarget(stub.ID, name)));
            foreach (var (taskEvent, index) in (task.Events ?? []).TakeLast(6).Reverse().Select((e, i) => (e, i)))
            {
                rows.Add(new ScreenRow($"event/{name}/{index}",
                    ["  " + CellText.Age(CellText.FromNanoseconds(taskEvent.Time), data.Now) + " ago", taskEvent.Type, taskEvent.DisplayMessage ?? taskEvent.Message ?? ""],
                    taskEvent.FailsTask || taskEvent.Type is "Driver Failure" or "Killed" ? RowTone.Bad : RowTone.Muted));
            }
        }

        return rows;
    }

    /// <summary>What <see cref="Detail"/> loads: the full allocation and, while it runs, its resource use.</summary>
    internal sealed record AllocationDetail(Allocation Allocation, AllocResourceUsage? Usage);

    private static string Suffix(string? text) => string.IsNullOrEmpty(text) ? "" : " (" + text + ")";

    /// <summary>Nomad's AllocMetric in words: how many nodes were looked at and what ruled them out.</summary>
    internal static string? PlacementFailure(JsonElement? metrics)
    {
        if (metrics is not { ValueKind: JsonValueKind.Object } m)
        {
            return null;
        }

        var parts = new List<string>();
        if (m.TryGetProperty("NodesEvaluated", out var evaluated) && evaluated.TryGetInt32(out var count))
        {
            parts.Add($"{count} nodes evaluated");
        }

        foreach (var (property, label) in new[] { ("ConstraintFiltered", "filtered by constraint"), ("ClassFiltered", "filtered by class"), ("DimensionExhausted", "out of") })
        {
            if (m.TryGetProperty(property, out var reasons) && reasons.ValueKind == JsonValueKind.Object)
            {
                foreach (var reason in reasons.EnumerateObject())
                {
                    parts.Add($"{reason.Value.GetRawText()} {label} {reason.Name}");
                }
            }
        }

        if (m.TryGetProperty("NodesExhausted", out var exhausted) && exhausted.TryGetInt32(out var full) && full > 0)
        {
            parts.Add($"{full} nodes had no room");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
