using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>The platform services of the catalog (DESIGN.md §2): job, state, running allocations, endpoint and ports.</summary>
internal sealed class ServicesScreen : Screen
{
    public override string Title(ScreenData data) => "Platform services";

    public override TargetKinds Targets => TargetKinds.PlatformService;

    public override bool AllowsMarks => true;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("SERVICE", 12), new("JOB", 12, Priority: 2), new("KIND", 8, Priority: 3), new("STATE", 9), new("RUNNING", 7, AlignRight: true),
        new("ENDPOINT", 14, Priority: 1), new("PORTS", 50, Flexible: true, Priority: 4, MinWidth: 12),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) =>
        data.Catalog.Services.Select(service =>
        {
            var (state, running, tone) = ClusterFacts.ServiceState(data.AllNamespaces, service);
            var endpoint = service.RoutedAt ?? (service.Ports.Length > 0 ? ":" + CellText.Number(service.Ports[0].Port) : "-");
            return new ScreenRow("svc/" + service.Name,
                [service.Name, service.JobId ?? "-", service.Kind, state, CellText.Number(running), endpoint,
                 string.Join(" ", service.Ports.Select(p => $"{p.Name}:{p.Port}")) + (service.Notes is { Length: > 0 } notes ? "  " + notes : "")],
                tone, new PlatformServiceTarget(service.Name, service.JobId, service.JobNamespace));
        }).ToList();
}
