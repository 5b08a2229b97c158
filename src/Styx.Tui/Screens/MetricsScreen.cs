using System.Collections.Immutable;
using Styx.Cluster.Metrics;

namespace Styx.Tui.Screens;

/// <summary>
/// The Metrics screen: graphs of the catalog queries of one subject (a node, job, task group, allocation, platform
/// service, or the cluster), or of one PromQL expression typed at <c>:metrics EXPR</c>. It draws its own lines
/// (Shell/Metrics), so it has no table; its view state lives in the screen entry while it is open.
/// </summary>
/// <param name="name">What the header calls the subject: <c>node mac-1</c>, <c>job web</c>, <c>cluster</c>, or the expression.</param>
/// <param name="scope">Whose catalog queries to draw; null for <paramref name="expression"/>.</param>
/// <param name="subject">What fills the queries' placeholders.</param>
/// <param name="expression">A PromQL expression typed by the user, drawn instead of the catalog's queries.</param>
internal sealed class MetricsScreen(string name, MetricScope? scope, MetricSubject subject, string? expression = null) : Screen
{
    public string Name { get; } = name;

    public MetricScope? Scope { get; } = scope;

    public MetricSubject Subject { get; } = subject;

    public string? Expression { get; } = expression;

    public override string Title(ScreenData data) => "Metrics " + Name;

    public override ImmutableArray<Column> Columns => [];

    public override TargetKinds Targets => TargetKinds.MetricGraph;

    public override bool IsTable => false;

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) => [];
}
