using Styx.Cluster.Access;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// The Metrics screen driven like a person would, against the demo's own Prometheus API (which the test server wires
/// into every session): graphs of a node, the range keys, a typed expression and Prometheus's refusal of a bad one.
/// </summary>
public sealed class MetricsScreenTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    /// <summary>Any Braille dot or block quadrant: what a graph's lines are drawn with.</summary>
    private static bool HasGraphGlyphs(string screen) => screen.Any(c => c is > '\u2800' and <= '\u28FF' || "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".Contains(c));

    private static async Task OpenNodeMetricsAsync(ShellHarness shell)
    {
        shell.Type(":nodes\r");
        await shell.WaitForAsync("Styx ▸ Nodes");
        shell.Type("m");
        await shell.WaitForAsync("Styx ▸ Metrics node ");
    }

    [Fact]
    public async Task M_OnANode_DrawsItsGraphsWithDataAndALegend()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer, 80, 24);
        await OpenNodeMetricsAsync(shell);
        // The graphs answer one by one: wait for the CPU graph's legend value (in percent) and its line.
        var screen = await shell.WaitForAsync(s => HasGraphGlyphs(s) && System.Text.RegularExpressions.Regex.IsMatch(s, "⣿ .* [0-9.]+%"), "the CPU graph drawn with its legend");
        Assert.Contains("CPU (mean of cores)", screen, StringComparison.Ordinal);
        Assert.Contains("last 1h", screen, StringComparison.Ordinal);
        // The legend starts with the first series' mark and names it by its host.
        Assert.Contains("⣿ mac-", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_ChangesTheRangeInTheHeader()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await OpenNodeMetricsAsync(shell);
        await shell.WaitForAsync("last 1h");
        shell.Type("3");
        // The demo's history starts with the test server, so a 6h graph may hold no point yet: the header is what changes.
        var screen = await shell.WaitForAsync("last 6h");
        Assert.DoesNotContain("last 1h", screen, StringComparison.Ordinal);
        shell.Type("1");
        await shell.WaitForAsync("last 15m");
        await shell.WaitForAsync(HasGraphGlyphs, "the 15m graph drawn");
    }

    [Fact]
    public async Task Cursor_ReadsOutTheValueAtItsTime()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await OpenNodeMetricsAsync(shell);
        await shell.WaitForAsync(HasGraphGlyphs, "a graph drawn");
        shell.Type("\u001b[D\u001b[D");
        var screen = await shell.WaitForAsync("cursor on");
        Assert.Contains("@", screen, StringComparison.Ordinal);
        Assert.Contains("┊", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsUp_DrawsSomething()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":metrics up\r");
        await shell.WaitForAsync("Styx ▸ Metrics up");
        await shell.WaitForAsync(HasGraphGlyphs, "up graphed");
    }

    [Fact]
    public async Task MetricsBadQuery_ShowsPrometheusBadDataText_NoErrorBox()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":metrics up{\r");
        // Prometheus's bad_data error text, where the graph would be.
        var screen = await shell.WaitForAsync("parse error: unexpected end of input");
        Assert.DoesNotContain("┌─", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_ShowSparklines()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":nodes\r");
        await shell.WaitForAsync(screen => System.Text.RegularExpressions.Regex.IsMatch(screen, "[▁▂▃▄▅▆▇█]+ [0-9.]+%"), "CPU sparklines with their latest value");
        Assert.Contains("CPU USE", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeDetail_ShowsCpuAndMemorySparklines()
    {
        // Wide enough for the whole DETAIL column, where the sparklines follow the allocated figures.
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer, 160, 40);
        shell.Type(":nodes\r");
        await shell.WaitForAsync("Styx ▸ Nodes");
        shell.Type("\r");
        await shell.WaitForAsync("Styx ▸ Node ");
        // The Nodes table's shared queries, this node's row: CPU in percent, memory in bytes. The demo's history starts
        // with the test server, so the hour's early cells may be blank: at least one block, then the latest value.
        await shell.WaitForAsync(screen => System.Text.RegularExpressions.Regex.IsMatch(screen, "used [ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█] [0-9.]+%")
            && System.Text.RegularExpressions.Regex.IsMatch(screen, "used [ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█] [0-9.]+ ?[KMGT]i?B"), "the node's CPU and memory sparklines");
    }

    [Fact]
    public async Task JobDetail_ShowsCpuAndMemorySparklines()
    {
        // Wide enough for the whole DETAIL column, where the sparklines follow the allocated figures.
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer, 160, 40);
        shell.Type(":job web\r");
        await shell.WaitForAsync("Styx ▸ Job web");
        await shell.WaitForAsync(screen => System.Text.RegularExpressions.Regex.IsMatch(screen, "CPU [ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█] [0-9.]+% · memory [ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█] [0-9.]+ ?[KMGT]i?B"), "the job's CPU and memory sparklines");
    }

    [Theory]
    [InlineData(nameof(ColorDepth.Color16))]
    [InlineData(nameof(ColorDepth.Mono))]
    public async Task FewColours_SeriesStillToldApartByShape(string depth)
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer, depth: Enum.Parse<ColorDepth>(depth));
        // Two series: Braille for the first, quadrants for the second.
        shell.Type(":metrics sum by (host) (nomad_client_host_memory_used)\r");
        var screen = await shell.WaitForAsync(s => s.Contains("⣿ ", StringComparison.Ordinal) && s.Contains("▚ ", StringComparison.Ordinal)
            && s.Any(c => c is > '\u2800' and <= '\u28FF') && s.Any(c => "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".Contains(c)), "two series in two shapes");
        Assert.Contains("graph 1/1", screen, StringComparison.Ordinal);
    }
}
