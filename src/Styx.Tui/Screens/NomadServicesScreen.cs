using System.Collections.Immutable;
using System.Globalization;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// Nomad-native service registrations (<c>provider = "nomad"</c>; the Styx plan has no Consul): every instance with its
/// job, address and port, node, allocation, the state of its Nomad checks, and its tags, Traefik router rules shown as
/// the routes they make. Of the whole namespace (<c>:svc</c>) or of one job (<c>:svc JOB</c>, or the job screen's
/// services line). Registrations and checks are kept in the shared snapshot only while some session shows them.
/// </summary>
/// <param name="jobId">Only this job's services; null for all.</param>
/// <param name="jobNamespace">The job's namespace (watched whatever the session views); null without a job.</param>
internal sealed class NomadServicesScreen(string? jobId = null, string? jobNamespace = null) : Screen
{
    public override string Title(ScreenData data) => jobId is null ? "Services" : "Services of " + jobId;

    public override TargetKinds Targets => TargetKinds.Service;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("SERVICE", 24, Flexible: true, MinWidth: 10), new("NAMESPACE", 12, Priority: 4, HideWhenUniform: true), new("JOB", 16, Priority: 2),
        new("ADDRESS", 22), new("NODE", 14, Priority: 3), new("ALLOC", 8, Priority: 3), new("CHECKS", 18), new("TAGS", 60, Flexible: true, Priority: 1, MinWidth: 16),
    ];

    /// <summary>Keeps registrations and checks of the namespace shown in the shared snapshot while this screen is open.</summary>
    public override IDisposable? Watch(ClusterState state, string sessionNamespace, Action changed)
    {
        var shown = jobNamespace ?? sessionNamespace;
        return state.WatchServices(shown == Namespace.All ? null : shown);
    }

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        if (!s.Loaded.HasFlag(ClusterLists.ServiceRegistrations))
        {
            return [new ScreenRow("loading", ["reading the service registrations and their checks…", "", "", "", "", "", "", ""], RowTone.Muted)];
        }

        var nodes = s.Nodes.ToDictionary(n => n.ID, n => n.Name, StringComparer.Ordinal);
        return s.ServiceRegistrations
            .Where(r => jobId is null || (r.JobID == jobId && (jobNamespace is null || r.Namespace == jobNamespace)))
            .OrderBy(r => r.ServiceName, StringComparer.Ordinal).ThenBy(r => r.JobID, StringComparer.Ordinal).ThenBy(r => r.ID, StringComparer.Ordinal)
            .Select(r =>
            {
                var (checks, tone) = Checks(s.ChecksOf(r).ToList());
                return new ScreenRow(r.Namespace + "/" + r.ID,
                    [r.ServiceName, r.Namespace, r.JobID, r.Address + ":" + r.Port.ToString(CultureInfo.InvariantCulture), nodes.GetValueOrDefault(r.NodeID, CellText.ShortId(r.NodeID)),
                     CellText.ShortId(r.AllocID), checks, string.Join(" ", (r.Tags ?? []).Select(ReadableTag).OrderBy(t => !t.StartsWith("route ", StringComparison.Ordinal)))],
                    tone, new ServiceTarget(r.ServiceName, r.AllocID, r.JobID, r.Namespace));
            })
            .ToList();
    }

    /// <summary>
    /// Tags as an operator reads them: a Traefik router rule as the route it makes (<c>route /grafana</c> for
    /// <c>PathPrefix(`/grafana`)</c>, the rule itself for anything else), <c>traefik.enable=true</c> as <c>traefik</c>;
    /// other tags as they are.
    /// </summary>
    internal static string ReadableTag(string tag)
    {
        const string Routers = "traefik.http.routers.";
        var equals = tag.IndexOf('=', StringComparison.Ordinal);
        if (tag.StartsWith(Routers, StringComparison.Ordinal) && equals > 0 && tag[..equals].EndsWith(".rule", StringComparison.Ordinal))
        {
            var rule = tag[(equals + 1)..];
            return rule.StartsWith("PathPrefix(`", StringComparison.Ordinal) && rule.EndsWith("`)", StringComparison.Ordinal) && rule.Count(c => c == '`') == 2
                ? "route " + rule["PathPrefix(`".Length..^2]
                : "route " + rule;
        }

        return tag == "traefik.enable=true" ? "traefik" : tag;
    }

    /// <summary>"2/2 passing", "1/2 failing: healthz", "pending", or "-" with no checks; with the tone to show it in.</summary>
    private static (string Text, RowTone Tone) Checks(List<AllocCheckStatus> checks)
    {
        if (checks.Count == 0)
        {
            return ("-", RowTone.Normal);
        }

        var failing = checks.Where(c => c.Status == AllocCheckStatus.Failure).ToList();
        var passing = checks.Count(c => c.Status == AllocCheckStatus.Success);
        return failing.Count > 0 ? ($"{failing.Count}/{checks.Count} failing: {string.Join(",", failing.Select(c => c.Check))}", RowTone.Bad)
            : passing == checks.Count ? ($"{passing}/{checks.Count} passing", RowTone.Good)
            : ($"{checks.Count - passing}/{checks.Count} pending", RowTone.Warning);
    }

    public override IEnumerable<(string Key, string What)> HelpKeys =>
    [
        ("enter", "the allocation behind the registration"),
    ];
}
