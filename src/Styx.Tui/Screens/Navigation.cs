using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>Where rows lead, and what the <c>:</c> command prompt opens and completes.</summary>
internal static class Navigation
{
    /// <summary>The <c>:</c> commands with what they take, for completion and help.</summary>
    public static readonly IReadOnlyList<(string Name, string Usage)> Commands =
    [
        ("overview", ":overview"), ("jobs", ":jobs"), ("job", ":job JOB"), ("nodes", ":nodes"), ("node", ":node NAME"),
        ("allocs", ":allocs [JOB]"), ("alloc", ":alloc ID"), ("services", ":services"), ("logs", ":logs JOB[/TASK]"),
        ("metrics", ":metrics"), ("activity", ":activity (admins)"), ("help", ":help"), ("quit", ":quit"),
    ];

    public static Screen? ScreenFor(RowTarget? target) => target switch
    {
        JobTarget job => new JobScreen(job.JobId),
        GroupTarget group => new AllocationsScreen(group.JobId, group.Group),
        AllocationTarget allocation => new AllocationScreen(allocation.AllocationId),
        NodeTarget node => new NodeScreen(node.NodeId),
        PlatformServiceTarget { JobId: { } jobId } => new JobScreen(jobId),
        _ => null,
    };

    /// <summary>The screen a <c>:</c> command opens, or an error that says what to type.</summary>
    public static (Screen? Screen, string? Error) FromCommand(string text, ClusterSnapshot snapshot)
    {
        var words = text.Trim().TrimStart(':').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return (null, null);
        }

        var argument = words.Length > 1 ? string.Join(' ', words[1..]) : null;
        switch (words[0].ToLowerInvariant())
        {
            case "overview" or "o" or "home":
                return (new OverviewScreen(), null);
            case "jobs" or "j":
                return (new JobsScreen(), null);
            case "job" when argument is null:
                return (null, "which job? type :job NAME (tab completes)");
            case "job":
                return FindJob(snapshot, argument) is { } jobId ? (new JobScreen(jobId), null) : (null, $"no job \"{argument}\"; :jobs lists them");
            case "nodes" or "no":
                return (new NodesScreen(), null);
            case "node" when argument is null:
                return (null, "which node? type :node NAME (tab completes)");
            case "node":
                var node = snapshot.Nodes.FirstOrDefault(n => n.Name == argument || n.ID.StartsWith(argument, StringComparison.Ordinal));
                return node is null ? (null, $"no node \"{argument}\"; :nodes lists them") : (new NodeScreen(node.ID), null);
            case "allocs" or "allocations" or "a":
                if (argument is null)
                {
                    return (new AllocationsScreen(null), null);
                }

                return FindJob(snapshot, argument) is { } allocJob ? (new AllocationsScreen(allocJob), null) : (null, $"no job \"{argument}\"; :jobs lists them");
            case "alloc" when argument is null:
                return (null, "which allocation? type :alloc ID (the first characters are enough)");
            case "alloc":
                var allocation = snapshot.Allocations.FirstOrDefault(a => a.ID.StartsWith(argument, StringComparison.Ordinal) || a.Name == argument);
                return allocation is null ? (null, $"no allocation \"{argument}\"; :allocs lists them") : (new AllocationScreen(allocation.ID), null);
            case "services" or "svc" or "platform":
                return (new ServicesScreen(), null);
            case "logs" or "l":
                return (new SlotScreen("Logs", "logs", "Logs (Nomad live logs and Loki history)"), null);
            case "metrics" or "m":
                return (new SlotScreen("Metrics", "metrics", "Metrics (Prometheus graphs and PromQL)"), null);
            default:
                return (null, $"unknown command \"{words[0]}\"; try :jobs, :nodes, :allocs, :services or :help");
        }
    }

    /// <summary>Completions for what has been typed after <c>:</c>: command names first, then job or node names.</summary>
    public static IReadOnlyList<string> Complete(string typed, ClusterSnapshot snapshot)
    {
        var space = typed.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return [.. Commands.Select(c => c.Name).Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))];
        }

        var command = typed[..space];
        var prefix = typed[(space + 1)..];
        IEnumerable<string> names = command switch
        {
            "job" or "allocs" or "logs" => snapshot.Jobs.Select(j => j.ID),
            "node" => snapshot.Nodes.Select(n => n.Name),
            "alloc" => snapshot.Allocations.Select(a => a.ID[..Math.Min(8, a.ID.Length)]),
            _ => [],
        };
        return [.. names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Select(n => command + " " + n)];
    }

    private static string? FindJob(ClusterSnapshot snapshot, string name) =>
        snapshot.Jobs.FirstOrDefault(j => j.ID == name)?.ID
        ?? snapshot.Jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase))?.ID;
}
