using System.Net;
using Styx.Cluster.Access;
using Styx.Cluster.Platform;
using Styx.Tui.Screens;
using Styx.Tui.Shell;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>Issue 11 item 7: at 80 columns and below, low-priority columns drop out before names are cut.</summary>
public sealed class ColumnLayoutTests
{
    private static readonly ScreenData Data = new(FixtureSnapshot.Create(), PlatformCatalog.Default(), new Caller("t", "SHA256:t", Role.Admin, IPAddress.Loopback), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Allocations_Wide_EveryColumn_NamespaceOnlyWhenThereAreTwo()
    {
        var screen = new AllocationsScreen(null);
        var rows = screen.Rows(Data);
        var placed = ColumnLayout.Fit(screen.Columns, rows, 200).Select(p => screen.Columns[p.Index].Name).ToList();
        Assert.Equal(screen.Columns.Select(c => c.Name).Where(n => n != "NAMESPACE"), placed);

        ScreenRow[] twoNamespaces = [new("a", ["1", "web.web[0]", "default", "n", "run", "running", "yes", "1", "1m"]), new("b", ["2", "web.web[0]", "staging", "n", "run", "running", "yes", "1", "1m"])];
        Assert.Contains(ColumnLayout.Fit(screen.Columns, twoNamespaces, 200), p => screen.Columns[p.Index].Name == "NAMESPACE");
    }

    [Fact]
    public void Allocations_EightyColumns_AgeAndVersionGoFirst_NamesWhole()
    {
        var screen = new AllocationsScreen(null);
        ScreenRow[] rows =
        [
            .. Enumerable.Range(0, 3).Select(i => new ScreenRow("a" + i,
                ["5457f16d", $"payments-reconcile.settle[{i}]", "default", "mac-studio-1", "run", "running", "yes", "12", "3d"])),
        ];
        var placed = ColumnLayout.Fit(screen.Columns, rows, 78);
        var shown = placed.Select(p => screen.Columns[p.Index].Name).ToList();
        Assert.DoesNotContain("AGE", shown);
        Assert.DoesNotContain("VERSION", shown);
        Assert.Contains("NAME", shown);
        Assert.True(rows[0].Cells[1].Length == placed.Single(p => screen.Columns[p.Index].Name == "NAME").Width, string.Join(", ", placed.Select(p => $"{screen.Columns[p.Index].Name}={p.Width}")));
        Assert.True(placed.Sum(p => p.Width) + placed.Count - 1 <= 78);

        // With room, they come back (all but the namespace, the same in every row).
        Assert.Equal(screen.Columns.Length - 1, ColumnLayout.Fit(screen.Columns, rows, 120).Count);
    }

    [Fact]
    public void Jobs_Narrow_LowPriorityGone_NameNotCutBelowItsMinimum()
    {
        var screen = new JobsScreen();
        ScreenRow[] rows = [new("j", ["a-rather-long-job-name-for-the-test", "default", "service", "running", "2", "2", "0", "web"])];
        var placed = ColumnLayout.Fit(screen.Columns, rows, 40);
        Assert.Equal(["NAME", "STATUS", "RUNNING", "DESIRED"], placed.Select(p => screen.Columns[p.Index].Name));
        Assert.True(placed[0].Width >= screen.Columns[0].MinWidth);
        Assert.True(placed.Sum(p => p.Width) + placed.Count - 1 <= 40);
    }
}
