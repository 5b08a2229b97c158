using System.Collections.Immutable;
using System.Globalization;
using Styx.Tui.Screens;
using Styx.Tui.Shell;

namespace Styx.Tui.Tests.Shell;

/// <summary>TableState without Terminal.Gui or a session: filter, sort, marks, selection and scroll.</summary>
public sealed class TableStateTests
{
    private static ScreenRow Row(string key, params string[] cells) => new(key, [.. cells]);

    private static IReadOnlyList<ScreenRow> Jobs() =>
    [
        Row("web", "web", "running", "2"), Row("api", "api", "running", "10"), Row("worker", "worker", "dead", "0"),
        ScreenRow.Section("platform"), Row("nats", "nats", "running", "1"),
    ];

    [Fact]
    public void Filter_IgnoresCase_NarrowsAndWidens_KeepsSelectionByKey()
    {
        var table = new TableState();
        table.SetRows(Jobs());
        table.Move(+1);
        Assert.Equal("api", table.SelectedKey);

        table.SetFilter("RUN");
        Assert.Equal(["web", "api", "nats"], table.Visible.Select(r => r.Key));
        Assert.Equal("api", table.SelectedKey);
        table.SetFilter("RUNNING");
        table.SetFilter("runn");
        Assert.Equal(["web", "api", "nats"], table.Visible.Select(r => r.Key));
        table.SetFilter("wor");
        Assert.Equal(["worker"], table.Visible.Select(r => r.Key));
        table.ClearFilter();
        Assert.Equal(5, table.Visible.Count);
    }

    [Fact]
    public void NewRows_SelectionFollowsTheRowNotTheIndex()
    {
        var table = new TableState();
        table.SetRows(Jobs());
        table.Move(+2);
        Assert.Equal("worker", table.SelectedKey);
        table.SetRows([Row("new", "aaa", "pending", "1"), .. Jobs()]);
        Assert.Equal("worker", table.SelectedKey);
        Assert.Equal(3, table.Selected);
    }

    [Fact]
    public void Sort_NumbersAsNumbers_ReverseAndBack()
    {
        var table = new TableState();
        table.SetRows([Row("a", "a", "10"), Row("b", "b", "9"), Row("c", "c", "100")]);
        table.CycleSort(+1, 3);
        table.CycleSort(+1, 3);
        Assert.Equal(["b", "a", "c"], table.Visible.Select(r => r.Key));
        table.ReverseSort();
        Assert.Equal(["c", "a", "b"], table.Visible.Select(r => r.Key));
        table.SetFilter("a");
        Assert.Equal(["a"], table.Visible.Select(r => r.Key));
    }

    [Fact]
    public void Marks_OutliveTheFilter_SectionsAreSteppedOver()
    {
        var table = new TableState();
        table.SetRows(Jobs());
        table.SetFilter("web");
        table.ToggleMark();
        table.SetFilter("nats");
        table.ToggleMark();
        table.ClearFilter();
        Assert.Equal(["web", "nats"], table.MarkedRows().Select(r => r.Key));

        table.MoveToTop();
        table.Move(+3);
        Assert.Equal("nats", table.SelectedKey); // the section row between worker and nats is skipped
        Assert.True(table.NextMatch(+1));
        Assert.Equal("web", table.SelectedKey); // wraps around, past the section
    }

    [Fact]
    public void KeepSelectionVisible_ScrollsJustEnough()
    {
        var table = new TableState();
        table.SetRows([.. Enumerable.Range(0, 100).Select(i => Row(i.ToString(CultureInfo.InvariantCulture), "row " + i))]);
        table.Move(30);
        table.KeepSelectionVisible(10);
        Assert.Equal(21, table.Top);
        table.Move(-25);
        table.KeepSelectionVisible(10);
        Assert.Equal(5, table.Top);
    }

    /// <summary>Shaped for 20,000 allocations: typing a filter one key at a time narrows correctly at that size.</summary>
    [Fact]
    public void TwentyThousandRows_TypedFilterNarrowsToTheRightRows()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => Row("a" + i, $"job-{i % 500}.group[{i % 7}]", i % 3 == 0 ? "running" : "pending", "mac-" + (i % 1000))).ToList();
        var table = new TableState();
        table.SetRows(rows);
        foreach (var typed in new[] { "j", "jo", "job", "job-", "job-4", "job-42", "job-42." })
        {
            table.SetFilter(typed);
        }

        Assert.Equal(rows.Count(r => r.Cells[0].StartsWith("job-42.", StringComparison.Ordinal)), table.Visible.Count);
        Assert.All(table.Visible, r => Assert.StartsWith("job-42.", r.Cells[0], StringComparison.Ordinal));
    }
}
