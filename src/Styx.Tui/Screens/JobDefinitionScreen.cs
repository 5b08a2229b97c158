using System.Collections.Immutable;
using System.Text.Json;
using Styx.Cluster.Nomad;

namespace Styx.Tui.Screens;

/// <summary>A job's definition as Nomad holds it, as indented JSON, one line per row (so <c>/</c> finds keys).</summary>
internal sealed class JobDefinitionScreen(string jobId, string jobNamespace = "default") : Screen
{
    private static readonly JsonSerializerOptions Indented = new(NomadJson.Options) { WriteIndented = true };

    public override string Title(ScreenData data) => "Definition " + jobId;

    public override TargetKinds Targets => TargetKinds.None;

    public override ImmutableArray<Column> Columns { get; } = [new("JSON", 400, Flexible: true)];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        if (data.Snapshot.Definition(jobNamespace, jobId) is not { } job)
        {
            return [new ScreenRow("loading", ["loading the definition…"], RowTone.Muted)];
        }

        var lines = JsonSerializer.Serialize(job, Indented).Split('\n');
        return [.. lines.Select((line, i) => new ScreenRow("line/" + i, [line.TrimEnd('\r')]))];
    }
}
