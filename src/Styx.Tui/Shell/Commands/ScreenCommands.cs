using Styx.Cluster.Nomad;
using Styx.Cluster.State;
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
            Run = (s, job) => FindJob(s, job, found => new JobScreen(found.ID, found.Namespace)),
        };
        yield return new() { Words = ["nodes", "no"], Help = "every node (Mac)", Run = (s, _) => s.Open(new NodesScreen()) };
        yield return new()
        {
            Words = ["node"], Argument = "NODE", ArgumentKind = ArgumentKind.Node, Help = "one node: drivers, resources, allocations",
            Run = (s, node) => Find(s, node, "node", Navigation.FindNode, id => new NodeScreen(id)),
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
                    FindJob(s, job, found => new AllocationsScreen(found.ID, found.Namespace));
                }
            },
        };
        yield return new()
        {
            Words = ["alloc"], Argument = "ID", ArgumentKind = ArgumentKind.Allocation, Help = "one allocation: tasks, events, resource use",
            Run = (s, alloc) => Find(s, alloc, "allocation", Navigation.FindAllocation, id => new AllocationScreen(id)),
        };
        yield return new()
        {
            Words = ["svc"], Argument = "JOB", ArgumentOptional = true, ArgumentKind = ArgumentKind.Job, Help = "Nomad service registrations with tags and checks, of one job or all",
            Run = (s, job) =>
            {
                if (string.IsNullOrEmpty(job))
                {
                    s.Open(new NomadServicesScreen());
                }
                else
                {
                    FindJob(s, job, found => new NomadServicesScreen(found.ID, found.Namespace));
                }
            },
        };
        yield return new() { Words = ["services", "platform"], Help = "the platform services (NATS, Traefik, Prometheus…)", Run = (s, _) => s.Open(new ServicesScreen()) };
        yield return new()
        {
            Words = ["logs", "l"], Argument = "JOB[/TASK]", ArgumentOptional = true, ArgumentKind = ArgumentKind.Job,
            Help = "live logs: every allocation of a job merged, or one task; alone, this job's or allocation's",
            Run = (s, name) => LogCommands.OpenNamed(s, name),
        };
        yield return new()
        {
            Words = ["ns", "namespace"], Argument = "NAME|*", ArgumentKind = ArgumentKind.Namespace, Help = "switch this session's Nomad namespace (* for all)",
            Run = (s, name) => SwitchNamespace(s, name),
        };
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

    /// <summary>:ns NAME and :ns * (DESIGN.md §5, the NOMAD_NAMESPACE convention): the session's view of the cluster.</summary>
    private static void SwitchNamespace(IShell shell, string? name)
    {
        var known = shell.Snapshot.Namespaces.Select(n => n.Name).ToList();
        if (string.IsNullOrWhiteSpace(name))
        {
            shell.Say($"namespace {shell.Namespace}; :ns NAME switches ({string.Join(", ", known)}, or * for all)");
        }
        else if (name == Namespace.All || known.Contains(name, StringComparer.Ordinal))
        {
            shell.SetNamespace(name);
        }
        else
        {
            shell.Say($"no namespace \"{name}\"; there are {string.Join(", ", known)} (or * for all)", error: true);
        }
    }

    /// <summary>Opens the screen for a named job (in the session's namespace view), or says what to type.</summary>
    private static void FindJob(IShell shell, string? name, Func<JobListStub, Screen> open)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            shell.Say("which job? type :job NAME (tab completes)", error: true);
        }
        else if (Navigation.FindJob(shell.Snapshot, name) is { } job)
        {
            shell.Open(open(job));
        }
        else
        {
            shell.Say($"no job \"{name}\" in namespace {shell.Namespace}; :jobs lists them, :ns * shows every namespace", error: true);
        }
    }

    /// <summary>Opens the screen for a named node or allocation, or says what to type.</summary>
    private static void Find(IShell shell, string? name, string what, Func<ClusterSnapshot, string, string?> find, Func<string, Screen> open)
    {
        var list = what == "node" ? "nodes" : "allocs";
        if (string.IsNullOrWhiteSpace(name))
        {
            shell.Say($"which {what}? type :{(what == "node" ? "node NAME" : "alloc ID")} (tab completes)", error: true);
        }
        else if (find(shell.Snapshot, name) is { } id)
        {
            shell.Open(open(id));
        }
        else
        {
            shell.Say($"no {what} \"{name}\"; :{list} lists them", error: true);
        }
    }
}
