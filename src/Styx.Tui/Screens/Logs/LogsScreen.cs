using System.Collections.Immutable;
using Styx.Cluster.Logs;

namespace Styx.Tui.Screens.Logs;

/// <summary>
/// The Logs screen's place in the navigation: what it follows. It has no table; the shell gives its entry a
/// <c>LogView</c> (buffer, follow, filter, cursor) for as long as it is on the stack, and its keys are the command
/// table's <see cref="TargetKinds.LogLine"/> entries.
/// </summary>
internal sealed class LogsScreen(LogTarget target) : Screen
{
    public LogTarget Target => target;

    public override string Title(ScreenData data) => "Logs " + target.Title;

    public override TargetKinds Targets => TargetKinds.LogLine;

    public override bool IsTable => false;

    public override ImmutableArray<Column> Columns { get; } = [];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) => [];
}
