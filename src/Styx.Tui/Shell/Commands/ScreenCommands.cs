using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// The <c>:</c> words that open screens or change the session's view (DESIGN.md §6): <c>:jobs</c>, <c>:job web</c>,
/// <c>:allocs web</c>, <c>:ns staging</c>… Each word is written here once.
/// </summary>
internal static class ScreenCommands
{
    public static IEnumerable<ShellCommand> All(IReadOnlyDictionary<string, Func<Screen>>? extraScreens)
    {
        yield return new() { Words = ["overview", "o", "home"], Help = "cluster health at a glance", Run = (s, _) => s.Open(new OverviewScreen()) };
        yield return new() { Words = ["jobs", "j"], Help = "every job", Run = (s, _) => s.Open(new JobsScreen()) };
        yield return new()
        {
            Words = ["job"], Argument = "JOB", ArgumentKind = ArgumentKind.Job, Help = "one job: groups, allocations, deployments, versions",
            Run = (s, job) => Find(s, job, "job", ArgumentKind.Job, id => new JobScreen(id)),
        };
        yield return new() { Words = ["nodes", "no"], Help = "every node (Mac)", Run = (s, _) => s.Open(new NodesScreen()) };
        yield return new()
        {
            Words = ["node"], Argument = "NODE", ArgumentKind = ArgumentKind.Node, Help = "one node: drivers, resources, allocations",
            Run = (s, node) => Find(s, node, "node", ArgumentKind.Node, id => new NodeScreen(id)),
        };
        yield return new()
        {
            Words = ["allocs", "allocations", "a"], Argument = "JOB", ArgumentOptional = true, ArgumentKind = ArgumentKind.Job, Help = "allocations, of one job or all",
            Run = (s, job) =>
            {
                if (string.IsNullOrEmpty(job))
                {
                    s.Open(new AllocationsScreen(null));
                }
                else
                {
                    Find(s, job, "job", ArgumentKind.Job, id => new AllocationsScreen(id));
                }
            },
        };
        yield return new()
        {
            Words = ["alloc"], Argument = "ID", ArgumentKind = ArgumentKind.Allocation, Help = "one allocation: tasks, events, resource use",
            Run = (s, alloc) => Find(s, alloc, "allocation", ArgumentKind.Allocation, id => new AllocationScreen(id)),
        };
        yield return new() { Words = ["services", "platform"], Help = "the platform services (NATS, Traefik, Prometheus…)", Run = (s, _) => s.Open(new ServicesScreen()) };
        yield return new() { Words = ["logs", "l"], Argument = "JOB[/TASK]", ArgumentOptional = true, ArgumentKind = ArgumentKind.Job, Help = "logs (a later release)", Run = (s, _) => s.Open(new SlotScreen("Logs", "Logs (Nomad live logs and Loki history)")) };
        yield return new() { Words = ["metrics", "m"], Argument = "PROMQL", ArgumentOptional = true, Help = "metrics (a later release)", Run = (s, _) => s.Open(new SlotScreen("Metrics", "Metrics (Prometheus graphs and PromQL)")) };
        yield return new()
        {
            Words = ["activity", "audit"], Help = "the audit log, live (admins)", Action = Styx.Cluster.Access.ClusterAction.ActivityRead,
            Run = (s, _) =>
            {
                // The feed is the audit log; ClusterCommands decides who may read it.
                var (result, feed) = s.Session.Commands.OpenActivity(s.Session.Caller);
                if (feed is null)
                {
                    s.Say(result.Message, error: true);
                }
                else
                {
                    s.Open(new ActivityScreen(feed));
                }
            },
        };

        foreach (var (word, screen) in extraScreens ?? new Dictionary<string, Func<Screen>>())
        {
            yield return new() { Words = [word], Help = "open " + word, Run = (s, _) => s.Open(screen()) };
        }
    }

    /// <summary>Opens the screen for a named object, or says what to type.</summary>
    private static void Find(IShell shell, string? name, string what, ArgumentKind kind, Func<string, Screen> open)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            shell.Say($"which {what}? type :{(kind == ArgumentKind.Allocation ? "alloc" : what)} NAME (tab completes)", error: true);
            return;
        }

        var snapshot = shell.Snapshot;
        var id = kind switch
        {
            ArgumentKind.Job => Navigation.FindJob(snapshot, name),
            ArgumentKind.Node => Navigation.FindNode(snapshot, name),
            _ => Navigation.FindAllocation(snapshot, name),
        };
        if (id is null)
        {
            shell.Say($"no {what} \"{name}\"; :{(kind == ArgumentKind.Job ? "jobs" : kind == ArgumentKind.Node ? "nodes" : "allocs")} lists them", error: true);
            return;
        }

        shell.Open(open(id));
    }
}
