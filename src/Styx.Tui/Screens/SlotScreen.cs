using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>A screen that has its place in the navigation but arrives with a later issue (logs, metrics).</summary>
internal sealed class SlotScreen(string title, string what) : Screen
{
    public override string Title(ScreenData data) => title;

    public override TargetKinds Targets => TargetKinds.None;

    public override ImmutableArray<Column> Columns { get; } = [new("", 100, Flexible: true)];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) =>
        [new ScreenRow("slot", [what + " are not in this build yet; esc goes back."], RowTone.Muted)];
}
