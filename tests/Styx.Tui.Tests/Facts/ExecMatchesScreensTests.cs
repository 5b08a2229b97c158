using System.Net;
using Styx.Cluster.Access;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Commands;
using Styx.Tui.Screens;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Facts;

/// <summary>
/// Issue 11 item 3: <c>ssh styx jobs|nodes|allocs|services</c> and the Jobs, Nodes, Allocations and Platform services
/// screens, side by side on the same snapshot, say the same status words and counts for every row. (They disagreed:
/// exec printed "stopping" and counted only failed allocations where the screen said "stopped" and counted lost too.)
/// </summary>
public sealed class ExecMatchesScreensTests
{
    private static readonly ClusterSnapshot Snapshot = FixtureSnapshot.Create();
    private static readonly ScreenData Data = new(Snapshot, PlatformCatalog.Default(), new Caller("t", "SHA256:t", Role.Viewer, IPAddress.Loopback), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Jobs_StatusRunningDesiredFailed_Agree()
    {
        var table = ExecTables.Jobs(Snapshot);
        var rows = new JobsScreen().Rows(Data).ToDictionary(r => r.Key.Split('/')[1]);
        Assert.Equal(Snapshot.Jobs.Length, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = rows[table.Cell(i, "JOB")];
            Assert.Equal((table.Cell(i, "STATUS"), table.Cell(i, "RUNNING"), table.Cell(i, "DESIRED"), table.Cell(i, "FAILED")), (row.Cells[3], row.Cells[4], row.Cells[5], row.Cells[6]));
        }

        // The cases that once disagreed, by name.
        Assert.Equal("stopping", rows["stopping"].Cells[3]);
        Assert.Equal("stopped", rows["stopped"].Cells[3]);
        Assert.Equal("5", rows["lossy"].Cells[6]);
    }

    [Fact]
    public void Nodes_StatusEligibilityDrainClassAllocations_Agree()
    {
        var table = ExecTables.Nodes(Snapshot);
        var rows = new NodesScreen().Rows(Data).ToDictionary(r => r.Cells[0]);
        Assert.Equal(Snapshot.Nodes.Length, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = rows[table.Cell(i, "NAME")];
            Assert.Equal((table.Cell(i, "STATUS"), table.Cell(i, "ELIGIBILITY"), table.Cell(i, "DRAIN"), table.Cell(i, "CLASS"), table.Cell(i, "ALLOCS")),
                (row.Cells[1], row.Cells[2], row.Cells[3], row.Cells[4], row.Cells[6]));
        }
    }

    [Fact]
    public void Allocations_OrderStatusDesiredHealth_Agree()
    {
        var table = ExecTables.Allocations(Snapshot.Allocations);
        var rows = new AllocationsScreen(null).Rows(Data);
        Assert.Equal(rows.Count, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal((table.Cell(i, "ID"), table.Cell(i, "NAME"), table.Cell(i, "DESIRED"), table.Cell(i, "STATUS"), table.Cell(i, "HEALTHY")),
                (rows[i].Cells[0], rows[i].Cells[1], rows[i].Cells[4], rows[i].Cells[5], rows[i].Cells[6]));
        }
    }

    [Fact]
    public void PlatformServices_StateAndRunning_Agree()
    {
        var table = ExecTables.Services(Data.Catalog, Snapshot);
        var rows = new ServicesScreen().Rows(Data);
        Assert.Equal(rows.Count, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal((table.Cell(i, "SERVICE"), table.Cell(i, "STATE"), table.Cell(i, "RUNNING")), (rows[i].Cells[0], rows[i].Cells[3], rows[i].Cells[4]));
        }
    }
}
