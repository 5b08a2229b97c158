using System.Globalization;
using System.Text;
using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Text;
using Styx.Tui.Screens;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// Draws a Metrics screen between the shell's top and bottom lines: a header (subject, range, data age), a state line
/// (which graph, the cursor), then as many graphs stacked as fit the height, each a title line and a
/// <see cref="LineChart"/>; the selected graph stays on screen. Prometheus's error text is drawn where the graph
/// would be; a stale answer is drawn with a warning on its title line.
/// </summary>
internal static class MetricsPainter
{
    /// <summary>Rows above the graphs: the title and the state line.</summary>
    public const int HeaderRows = 2;

    /// <summary>The fewest rows a graph takes: its title line and a chart with a two-row plot.</summary>
    private const int GraphRows = 1 + LineChart.MinHeight + 2;

    public static void Paint(FrameLines lines, MetricsView view, string badges, int width, int height, DateTimeOffset now, TimeZoneInfo zone)
    {
        var area = Math.Max(1, height - ScreenPainter.Chrome);
        Header(lines, view, badges, width, now, zone);
        if (view.Graphs.Count == 0)
        {
            lines.Put(0, HeaderRows, ScreenPainter.Fit("  the metric catalog has no queries for this", width), Palette.For(RowTone.Muted, false));
            return;
        }

        var fit = Math.Max(1, Math.Min(view.Graphs.Count, area / GraphRows));
        view.First = Math.Clamp(view.First, Math.Max(0, view.Selected - fit + 1), Math.Min(view.Selected, view.Graphs.Count - fit));
        var rows = area / fit;
        for (var i = 0; i < fit; i++)
        {
            var index = view.First + i;
            var top = HeaderRows + (i * rows);
            Graph(lines, view, view.Graphs[index], index == view.Selected, top, width, i == fit - 1 ? area - (i * rows) : rows, now, zone);
        }
    }

    private static void Header(FrameLines lines, MetricsView view, string badges, int width, DateTimeOffset now, TimeZoneInfo zone)
    {
        var title = new StringBuilder(" Styx ▸ Metrics ").Append(view.Screen.Name)
            .Append(" · ").Append(view.Instant ? "instant" : "last " + view.Range.Name);
        var updated = view.Graphs.Select(g => g.Snapshot?.UpdatedAt).Where(t => t is not null).Max();
        title.Append(updated is { } at ? $" · updated {Clock(at, zone)} ({CellText.Age(at, now)} ago)" : " · waiting for Prometheus…");
        lines.Put(0, 0, ScreenPainter.Fit(title.ToString(), width), Palette.Header);
        if (badges.Length > 0 && width > badges.Length + 10)
        {
            lines.Put(width - badges.Length, 0, badges, Palette.Badge);
        }

        var state = new StringBuilder(" graph ").Append(view.Selected + 1).Append('/').Append(view.Graphs.Count)
            .Append(view.Graphs.Count > 1 ? " (j/k)" : "").Append(view.Instant ? "" : " · range 1–5");
        state.Append(view.Cursor is null ? " · ←/→ cursor" : " · cursor on (esc off)");
        var text = state.ToString();
        lines.Put(0, 1, ScreenPainter.Fit(text, width), Palette.ColumnHeader);
        var stale = view.Graphs.Where(g => g.Snapshot is { Stale: true }).Select(g => g.Snapshot!.Error).FirstOrDefault();
        if (stale is not null)
        {
            // Staleness: the graphs show the last answer Prometheus gave until it answers again.
            var x = Math.Min(width, text.Length + 2);
            lines.Put(x, 1, ScreenPainter.Fit("⚠ stale: " + ControlCharacters.MakeVisible(stale), Math.Max(0, width - x)), Palette.Error);
        }
    }

    private static void Graph(FrameLines lines, MetricsView view, MetricGraph graph, bool selected, int top, int width, int rows, DateTimeOffset now, TimeZoneInfo zone)
    {
        var heading = (selected ? "▸ " : "  ") + graph.Title;
        lines.Put(0, top, ScreenPainter.Fit(heading, width), selected ? Palette.Selected : Palette.For(RowTone.Section, false));
        var promQL = "  " + ControlCharacters.MakeVisible(graph.PromQL);
        var after = Math.Min(width, Terminal.Gui.Text.StringExtensions.GetColumns(heading));
        if (graph.Snapshot is { Stale: true })
        {
            promQL = "  ⚠ stale" + promQL;
        }

        lines.Put(after, top, ScreenPainter.Fit(promQL, Math.Max(0, width - after)), Palette.For(RowTone.Muted, false));
        var body = top + 1;
        var height = rows - 1;
        var snapshot = graph.Snapshot;
        var problem = graph.Error ?? (snapshot is { Result: null, Error: { } error } ? error : null);
        if (problem is not null)
        {
            Note(lines, "  " + ControlCharacters.MakeVisible(problem), body, width, height, Palette.Error);
            return;
        }

        if (snapshot?.Result is not { } result)
        {
            Note(lines, "  waiting for Prometheus…", body, width, height, Palette.For(RowTone.Muted, false));
            return;
        }

        if (result.ResultType != PrometheusResultType.Matrix)
        {
            Table(lines, graph, result, body, width, height);
            return;
        }

        var series = Series(result, graph.Title);
        var end = snapshot.UpdatedAt ?? now;
        var frame = new ChartFrame(end - view.Range.Length, end, view.Range.Step, v => UnitText.Format(graph.Unit, v), t => Time(t, view.Range, zone), view.Cursor);
        var picture = LineChart.Draw(series, frame, width, height);
        view.PlotColumns = LineChart.PlotColumns(series, frame, width, height);
        for (var y = 0; y < picture.Height; y++)
        {
            foreach (var (x, text, ink, cursor) in picture.Runs(y))
            {
                lines.Put(x, body + y, text, Ink(ink, cursor));
            }
        }
    }

    /// <summary>An instant answer (vector, scalar or string) as lines: value, then the series' labels.</summary>
    private static void Table(FrameLines lines, MetricGraph graph, PrometheusResult result, int top, int width, int height)
    {
        var rows = new List<(string Value, string Labels)>();
        if (result.Scalar is { } scalar)
        {
            rows.Add((UnitText.Format(graph.Unit, scalar.Value), "scalar"));
        }
        else if (result.String is { } text)
        {
            rows.Add((ControlCharacters.MakeVisible(text), "string"));
        }
        else
        {
            rows.AddRange(result.Series.Select(s => (s.Samples.Count > 0 ? UnitText.Format(graph.Unit, s.Samples[^1].Value) : "–",
                ControlCharacters.MakeVisible("{" + string.Join(", ", s.Metric.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\"")) + "}"))));
        }

        lines.Put(0, top, ScreenPainter.Fit($"  {"VALUE",12}  SERIES ({rows.Count})", width), Palette.ColumnHeader);
        for (var i = 0; i < rows.Count && i + 1 < height; i++)
        {
            lines.Put(0, top + 1 + i, ScreenPainter.Fit($"  {rows[i].Value,12}  {rows[i].Labels}", width), Palette.Normal);
        }
    }

    private static List<ChartSeries> Series(PrometheusResult result, string title)
    {
        var labels = SeriesLabels.Of([.. result.Series.Select(s => s.Metric)], title);
        return [.. result.Series.Select((s, i) => new ChartSeries(labels[i], s.Samples))];
    }

    private static void Note(FrameLines lines, string text, int top, int width, int height, Attribute attribute)
    {
        // Prometheus's errors can be long (a parse error quotes the query): wrapped, not cut.
        var y = top;
        for (var start = 0; start < text.Length && y < top + Math.Max(1, height); start += Math.Max(1, width), y++)
        {
            lines.Put(0, y, ScreenPainter.Fit(text.Substring(start, Math.Min(width, text.Length - start)), width), attribute);
        }
    }

    private static Attribute Ink(int ink, bool cursor)
    {
        var attribute = ink switch
        {
            >= 0 => SeriesLook.Of(ink).Attribute,
            ChartInk.Label => Palette.Normal,
            ChartInk.Note => Palette.Message,
            _ => Palette.For(RowTone.Muted, false),
        };
        return cursor ? attribute with { Style = attribute.Style | TextStyle.Reverse } : attribute;
    }

    private static string Time(DateTimeOffset time, MetricRange range, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString(range.Length > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset time, TimeZoneInfo zone) => CellText.Clock(TimeZoneInfo.ConvertTime(time, zone));
}
