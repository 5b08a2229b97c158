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
    public void Allocations_Wide_EveryColumn()
    {
        var screen = new AllocationsScreen(null);
        var placed = ColumnLayout.Fit(screen.Columns, screen.Rows(Data), 200);
        Assert.Equal(screen.Columns.Length, placed.Count);
    }

    [Fact]
    public void Allocations_EightyColumns_AgeAndVersionGoFirst_NamesWhole()
    {
        var screen = new AllocationsScreen(null);
        ScreenRow[] rows =
        [
            .. Enumerable.Range(0, 3).Select(i => new ScreenRow("a" + i,
                ["5457f16d", $"payments-reconcile.settle[{i}]", "mac-studio-1", "run", "running", "yes", "12", "3d"])),
        ];
        var placed = ColumnLayout.Fit(screen.Columns, rows, 78);
        var shown = placed.Select(p => screen.Columns[p.Index].Name).ToList();
        Assert.DoesNotContain("AGE", shown);
        Assert.DoesNotContain("VERSION", shown);
        Assert.Contains("NAME", shown);
        Assert.True(rows[0].Cells[1].Length == placed.Single(p => screen.Columns[p.Index].Name == "NAME").Width, string.Join(", ", placed.Select(p => $"{screen.Columns[p.Index].Name}={p.Width}")));
        Assert.True(placed.Sum(p => p.Width) + placed.Count - 1 <= 78);

        // With room, they come back.
        Assert.Equal(screen.Columns.Length, ColumnLayout.Fit(screen.Columns, rows, 120).Count);
    }

    [Fact]
    public void Jobs_Narrow_LowPriorityGone_NameNotCutBelowItsMinimum()
    {
        var screen = new JobsScreen();
        ScreenRow[] rows = [new("j", ["a-rather-long-job-name-for-the-test", "service", "running", "2", "2", "0", "web"])];
        var placed = ColumnLayout.Fit(screen.Columns, rows, 40);
        Assert.Equal(["NAME", "STATUS", "RUNNING", "DESIRED"], placed.Select(p => screen.Columns[p.Index].Name));
        Assert.True(placed[0].Width >= screen.Columns[0].MinWidth);
        Assert.True(placed.Sum(p => p.Width) + placed.Count - 1 <= 40);
    }
}
