using System.Collections.Immutable;
using Styx.Cluster.Audit;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// The audit log live, newest first: who did or tried what, to what, from where, and how it ended; sessions opening
/// and closing too. Admins only (ClusterCommands hands out the feed). <c>enter</c> on a job's record opens the job.
/// </summary>
internal sealed class ActivityScreen(ActivityFeed feed) : Screen
{
    /// <summary>As many records as the audit log keeps in memory; older ones are in the file.</summary>
    private const int Shown = 500;

    public override string Title(ScreenData data) => "Activity";

    public override TargetKinds Targets => TargetKinds.None;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("TIME", 8), new("USER", 14), new("ROLE", 8, Priority: 2), new("FROM", 15, Priority: 3), new("ACTION", 16), new("TARGET", 40, Flexible: true, MinWidth: 12),
        new("OUTCOME", 9), new("DETAIL", 60, Flexible: true, Priority: 1, MinWidth: 20),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var records = feed.Recent(Shown);
        var rows = new List<ScreenRow>(records.Count);
        for (var i = records.Count - 1; i >= 0; i--)
        {
            var record = records[i];
            var tone = record.Outcome switch
            {
                AuditOutcome.Refused => RowTone.Warning,
                AuditOutcome.Failed => RowTone.Bad,
                _ => record.Action.StartsWith("session.", StringComparison.Ordinal) ? RowTone.Muted : RowTone.Normal,
            };
            var detail = record.Error ?? string.Join(' ', record.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
            // Records have no ID; the time, who and what keep the selection on the same record as new ones arrive.
            var key = $"{record.Time.UtcTicks}|{record.KeyFingerprint}|{record.Action}|{record.Target}";
            rows.Add(new ScreenRow(key,
                [CellText.Clock(record.Time.ToOffset(data.Now.Offset)), record.User, record.Role, record.SourceAddress ?? "-", record.Action,
                 record.Target, record.Outcome.ToString().ToLowerInvariant(), detail],
                tone, record.Arguments.TryGetValue("job", out var job) ? new JobTarget(job, record.Arguments.GetValueOrDefault("namespace", "default")) : null));
        }

        return rows;
    }

    public override IDisposable? Watch(ClusterState state, string sessionNamespace, Action changed) => feed.Watch(changed);
}
