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
            // Only Nomad-native services register with Nomad (a service without a provider is Consul's).
            var services = (group["Services"] as JsonArray ?? []).OfType<JsonObject>().Select(s => (Service: s, Task: (string?)null))
                .Concat((group["Tasks"] as JsonArray ?? []).OfType<JsonObject>()
                    .SelectMany(t => (t["Services"] as JsonArray ?? []).OfType<JsonObject>().Select(s => (Service: s, Task: (string?)t["Name"]))))
                .Where(s => (string?)s.Service["Provider"] == "nomad")
                .Select(s => new DemoServiceSpec(
                    (string?)s.Service["Name"] ?? "service",
                    (string?)s.Service["PortLabel"] ?? "",
                    (s.Service["Tags"] as JsonArray ?? []).Select(n => (string?)n ?? "").ToImmutableArray(),
                    s.Task,
                    (s.Service["Checks"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new DemoCheckSpec(
                        (string?)c["Name"] ?? "",
                        (string?)c["Type"] ?? "tcp",
                        (string?)c["Path"] ?? "",
                        (string?)c["PortLabel"] is { Length: > 0 } port ? port : (string?)s.Service["PortLabel"] ?? "",
                        (string?)c["OnUpdate"] ?? "require_healthy")).ToImmutableArray()))
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

/// <summary>
/// A Nomad-native service the group's allocations register: at group level (<paramref name="Task"/> null) or in a task.
/// </summary>
internal sealed record DemoServiceSpec(string Name, string PortLabel, ImmutableArray<string> Tags, string? Task, ImmutableArray<DemoCheckSpec> Checks);

/// <summary>
/// A Nomad service check (<c>check</c> block): <paramref name="Type"/> <c>http</c> or <c>tcp</c>, against
/// <paramref name="PortLabel"/> (the service's port unless the check names its own).
/// </summary>
internal sealed record DemoCheckSpec(string Name, string Type, string Path, string PortLabel, string OnUpdate);
