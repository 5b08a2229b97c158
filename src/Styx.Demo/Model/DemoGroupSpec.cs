using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>What the scheduler needs of one task group, read from the job definition's JSON.</summary>
internal sealed record DemoGroupSpec(
    string Name,
    int Count,
    ImmutableArray<DemoTaskSpec> Tasks,
    long? ScalingMin,
    long? ScalingMax,
    ImmutableArray<DemoServiceSpec> Services)
{
    public static ImmutableArray<DemoGroupSpec> Read(JsonObject job)
    {
        if (job["TaskGroups"] is not JsonArray groups)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<DemoGroupSpec>();
        foreach (var group in groups.OfType<JsonObject>())
        {
            var tasks = (group["Tasks"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(t => new DemoTaskSpec(
                    (string?)t["Name"] ?? "task",
                    (string?)t["Driver"] ?? "container",
                    (int?)t["Resources"]?["CPU"] ?? 100,
                    (int?)t["Resources"]?["MemoryMB"] ?? 300))
                .ToImmutableArray();
            var services = (group["Services"] as JsonArray ?? []).OfType<JsonObject>()
                .Concat((group["Tasks"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(t => (t["Services"] as JsonArray ?? []).OfType<JsonObject>()))
                .Select(s => new DemoServiceSpec(
                    (string?)s["Name"] ?? "service",
                    (string?)s["PortLabel"] ?? "",
                    (s["Tags"] as JsonArray ?? []).Select(n => (string?)n ?? "").ToImmutableArray()))
                .ToImmutableArray();
            var scaling = group["Scaling"] as JsonObject;
            result.Add(new DemoGroupSpec(
                (string?)group["Name"] ?? "group",
                (int?)group["Count"] ?? 1,
                tasks,
                (long?)scaling?["Min"],
                (long?)scaling?["Max"],
                services));
        }

        return result.ToImmutable();
    }
}

/// <summary>A task's name, driver and resource ask.</summary>
internal sealed record DemoTaskSpec(string Name, string Driver, int Cpu, int MemoryMB);

/// <summary>A Nomad-native service registration the group's allocations make.</summary>
internal sealed record DemoServiceSpec(string Name, string PortLabel, ImmutableArray<string> Tags);
