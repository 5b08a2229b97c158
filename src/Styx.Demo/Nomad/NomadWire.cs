using System.Globalization;
using System.Text.Json.Nodes;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// The simulated objects in Nomad's wire shapes (cluster-apis.md §1.4; field names are Go's). Called under the
/// cluster lock; returns fresh JSON trees that can be serialized after the lock is released.
/// </summary>
internal static class NomadWire
{
    /// <summary>Go's <c>time.Time</c> in JSON: RFC 3339 in UTC; the zero time when unset.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00Z";

    public static JsonObject NodeStub(DemoNode node, bool withResources) => new()
    {
        ["Address"] = node.Address,
        ["ID"] = node.Id,
        ["Attributes"] = null,
        ["Datacenter"] = node.Datacenter,
        ["Name"] = node.Name,
        ["NodeClass"] = node.NodeClass,
        ["NodePool"] = "default",
        ["Version"] = NomadVersion,
        ["Drain"] = node.Drain,
        ["SchedulingEligibility"] = node.SchedulingEligibility,
        ["Status"] = node.Status,
        ["StatusDescription"] = "",
        ["Drivers"] = Drivers(),
        ["HostVolumes"] = null,
        ["NodeResources"] = withResources ? NodeResources(node) : null,
        ["ReservedResources"] = withResources ? ReservedResources() : null,
        ["LastDrain"] = DrainMetadata(node.LastDrain),
        ["CreateIndex"] = node.CreateIndex,
        ["ModifyIndex"] = node.ModifyIndex,
    };

    public static JsonObject Node(DemoNode node) => new()
    {
        ["ID"] = node.Id,
        ["SecretID"] = "",
        ["Datacenter"] = node.Datacenter,
        ["Name"] = node.Name,
        ["HTTPAddr"] = $"{node.Address}:4646",
        ["TLSEnabled"] = false,
        ["Attributes"] = new JsonObject
        {
            ["cpu.arch"] = "arm64",
            ["cpu.modelname"] = "Apple M2 Pro",
            ["cpu.numcores"] = node.Cores.ToString(CultureInfo.InvariantCulture),
            ["cpu.totalcompute"] = node.CpuShares.ToString(CultureInfo.InvariantCulture),
            ["kernel.name"] = "darwin",
            ["kernel.version"] = "24.6.0",
            ["os.name"] = "darwin",
            ["os.version"] = "15.6",
            ["memory.totalbytes"] = (node.MemoryMB * 1048576L).ToString(CultureInfo.InvariantCulture),
            ["nomad.version"] = NomadVersion,
            ["unique.hostname"] = node.Name,
            ["unique.network.ip-address"] = node.Address,
            ["unique.platform.mac.model"] = node.Model,
            ["driver.container"] = "1",
        },
        ["NodeResources"] = NodeResources(node),
        ["ReservedResources"] = ReservedResources(),
        ["Resources"] = null,
        ["Reserved"] = null,
        ["Links"] = new JsonObject(),
        ["Meta"] = new JsonObject { ["tailscale.name"] = node.Name + ".tailnet.ts.net" },
        ["NodeClass"] = node.NodeClass,
        ["NodePool"] = "default",
        ["ComputedClass"] = "v1:" + Math.Abs(node.NodeClass.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture),
        ["Drain"] = node.Drain,
        ["DrainStrategy"] = node.DrainStrategy is { } drain
            ? new JsonObject
            {
                ["Deadline"] = drain.DeadlineNanos,
                ["IgnoreSystemJobs"] = drain.IgnoreSystemJobs,
                ["ForceDeadline"] = Time(drain.ForceDeadline),
                ["StartedAt"] = Time(drain.StartedAt),
            }
            : null,
        ["SchedulingEligibility"] = node.SchedulingEligibility,
        ["Status"] = node.Status,
        ["StatusDescription"] = "",
        ["StatusUpdatedAt"] = node.StatusUpdatedAt,
        ["Events"] = new JsonArray(node.Events.Select(e => (JsonNode)new JsonObject
        {
            ["Message"] = e.Message,
            ["Subsystem"] = e.Subsystem,
            ["Details"] = null,
            ["Timestamp"] = Time(e.Timestamp),
            ["CreateIndex"] = e.CreateIndex,
        }).ToArray()),
        ["Drivers"] = Drivers(),
        ["HostVolumes"] = null,
        ["LastDrain"] = DrainMetadata(node.LastDrain),
        ["CreateIndex"] = node.CreateIndex,
        ["ModifyIndex"] = node.ModifyIndex,
    };

    public const string NomadVersion = "1.10.3";

    private static JsonObject NodeResources(DemoNode node) => new()
    {
        ["Cpu"] = new JsonObject { ["CpuShares"] = node.CpuShares, ["TotalCpuCores"] = node.Cores, ["ReservableCpuCores"] = new JsonArray() },
        ["Memory"] = new JsonObject { ["MemoryMB"] = node.MemoryMB },
        ["Disk"] = new JsonObject { ["DiskMB"] = node.DiskMB },
        ["Networks"] = null,
        ["Devices"] = null,
        ["MinDynamicPort"] = 20000,
        ["MaxDynamicPort"] = 32000,
    };

    private static JsonObject ReservedResources() => new()
    {
        ["Cpu"] = new JsonObject { ["CpuShares"] = 500 },
        ["Memory"] = new JsonObject { ["MemoryMB"] = 2048 },
        ["Disk"] = new JsonObject { ["DiskMB"] = 0 },
        ["Networks"] = new JsonObject { ["ReservedHostPorts"] = "" },
    };

    private static JsonObject Drivers() => new()
    {
        ["container"] = new JsonObject
        {
            ["Attributes"] = new JsonObject { ["driver.container"] = "1", ["driver.container.version"] = "0.6.0" },
            ["Detected"] = true,
            ["Healthy"] = true,
            ["HealthDescription"] = "Healthy",
            ["UpdateTime"] = "2026-11-01T08:00:00Z",
        },
        ["raw_exec"] = new JsonObject
        {
            ["Attributes"] = null,
            ["Detected"] = false,
            ["Healthy"] = false,
            ["HealthDescription"] = "disabled",
            ["UpdateTime"] = "2026-11-01T08:00:00Z",
        },
    };

    private static JsonObject? DrainMetadata(DemoDrainMetadata? drain) => drain is null
        ? null
        : new JsonObject
        {
            ["StartedAt"] = Time(drain.StartedAt),
            ["UpdatedAt"] = Time(drain.UpdatedAt),
            ["Status"] = drain.Status,
            ["AccessorID"] = drain.AccessorId,
            ["Meta"] = new JsonObject(drain.Meta.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };

    /// <summary>The full job: the stored definition plus the fields the servers manage.</summary>
    public static JsonObject Job(DemoJob job)
    {
        var wire = (JsonObject)job.Definition.DeepClone();
        wire["ParentID"] ??= "";
        wire["Stop"] = job.Stop;
        wire["Status"] = job.Status;
        wire["StatusDescription"] = "";
        wire["Stable"] = job.Stable;
        wire["Version"] = job.Version;
        wire["SubmitTime"] = job.SubmitTime;
        wire["CreateIndex"] = job.CreateIndex;
        wire["ModifyIndex"] = job.ModifyIndex;
        wire["JobModifyIndex"] = job.JobModifyIndex;
        return wire;
    }

    public static JsonObject JobStub(DemoJob job, JsonObject summary) => new()
    {
        ["ID"] = job.Id,
        ["ParentID"] = "",
        ["Name"] = (string?)job.Definition["Name"] ?? job.Id,
        ["Namespace"] = job.Namespace,
        ["Datacenters"] = job.Definition["Datacenters"]?.DeepClone(),
        ["NodePool"] = "default",
        ["Multiregion"] = null,
        ["Type"] = job.Type,
        ["Priority"] = (int?)job.Definition["Priority"] ?? 50,
        ["Periodic"] = false,
        ["ParameterizedJob"] = false,
        ["Stop"] = job.Stop,
        ["Status"] = job.Status,
        ["StatusDescription"] = "",
        ["JobSummary"] = summary,
        ["CreateIndex"] = job.CreateIndex,
        ["ModifyIndex"] = job.ModifyIndex,
        ["JobModifyIndex"] = job.JobModifyIndex,
        ["SubmitTime"] = job.SubmitTime,
        ["Meta"] = job.Definition["Meta"]?.DeepClone(),
    };

    public static JsonObject JobSummary(DemoJob job, IEnumerable<DemoAllocation> allocations, ulong modifyIndex)
    {
        var groups = new JsonObject();
        var byGroup = allocations.GroupBy(a => a.TaskGroup).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var group in job.Groups)
        {
            var allocs = byGroup.GetValueOrDefault(group.Name) ?? [];
            var live = allocs.Count(a => a.IsLive);
            var wanted = job.Stop ? 0 : group.Count;
            groups[group.Name] = new JsonObject
            {
                ["Queued"] = job.Type == "system" ? 0 : Math.Max(0, wanted - live),
                ["Complete"] = allocs.Count(a => a.ClientStatus == "complete"),
                ["Failed"] = allocs.Count(a => a.ClientStatus == "failed"),
                ["Running"] = allocs.Count(a => a.ClientStatus == "running"),
                ["Starting"] = allocs.Count(a => a.ClientStatus == "pending"),
                ["Lost"] = allocs.Count(a => a.ClientStatus == "lost"),
                ["Unknown"] = allocs.Count(a => a.ClientStatus == "unknown"),
            };
        }

        return new JsonObject
        {
            ["JobID"] = job.Id,
            ["Namespace"] = job.Namespace,
            ["Summary"] = groups,
            ["Children"] = new JsonObject { ["Pending"] = 0, ["Running"] = 0, ["Dead"] = 0 },
            ["CreateIndex"] = job.CreateIndex,
            ["ModifyIndex"] = modifyIndex,
        };
    }

    public static JsonObject AllocationStub(DemoAllocation allocation, bool withTaskStates = true) => new()
    {
        ["ID"] = allocation.Id,
        ["EvalID"] = allocation.EvalId,
        ["Name"] = allocation.Name,
        ["Namespace"] = allocation.Namespace,
        ["NodeID"] = allocation.Node.Id,
        ["NodeName"] = allocation.Node.Name,
        ["JobID"] = allocation.JobId,
        ["JobType"] = allocation.JobType,
        ["JobVersion"] = allocation.JobVersion,
        ["TaskGroup"] = allocation.TaskGroup,
        ["AllocatedResources"] = null,
        ["DesiredStatus"] = allocation.DesiredStatus,
        ["DesiredDescription"] = allocation.DesiredDescription,
        ["ClientStatus"] = allocation.ClientStatus,
        ["ClientDescription"] = allocation.ClientDescription,
        ["DesiredTransition"] = new JsonObject { ["Migrate"] = null, ["Reschedule"] = null, ["ForceReschedule"] = null, ["NoShutdownDelay"] = null },
        ["TaskStates"] = withTaskStates ? TaskStates(allocation) : null,
        ["DeploymentStatus"] = DeploymentStatus(allocation),
        ["FollowupEvalID"] = "",
        ["NextAllocation"] = allocation.NextAllocation ?? "",
        ["PreviousAllocation"] = allocation.PreviousAllocation ?? "",
        ["RescheduleTracker"] = null,
        ["PreemptedAllocations"] = null,
        ["PreemptedByAllocation"] = "",
        ["CreateIndex"] = allocation.CreateIndex,
        ["ModifyIndex"] = allocation.ModifyIndex,
        ["CreateTime"] = allocation.CreateTime,
        ["ModifyTime"] = allocation.ModifyTime,
    };

    public static JsonObject Allocation(DemoAllocation allocation, DemoJob? job)
    {
        var wire = AllocationStub(allocation);
        wire["Job"] = job is null ? null : Job(job);
        wire["DeploymentID"] = allocation.DeploymentId ?? "";
        wire["AllocModifyIndex"] = allocation.AllocModifyIndex;
        wire["TaskResources"] = new JsonObject(allocation.TaskResources.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["CPU"] = kv.Value.Cpu,
            ["MemoryMB"] = kv.Value.MemoryMB,
            ["DiskMB"] = 0,
            ["Networks"] = null,
        })));
        wire["AllocatedResources"] = new JsonObject
        {
            ["Tasks"] = new JsonObject(allocation.TaskResources.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
            {
                ["Cpu"] = new JsonObject { ["CpuShares"] = kv.Value.Cpu },
                ["Memory"] = new JsonObject { ["MemoryMB"] = kv.Value.MemoryMB, ["MemoryMaxMB"] = 0 },
            }))),
            ["Shared"] = new JsonObject
            {
                ["DiskMB"] = 300,
                ["Ports"] = new JsonArray(allocation.Ports.Select(p => (JsonNode)new JsonObject
                {
                    ["Label"] = p.Key,
                    ["Value"] = p.Value,
                    ["To"] = 0,
                    ["HostIP"] = allocation.Node.Address,
                }).ToArray()),
            },
        };
        wire["Metrics"] = new JsonObject
        {
            ["NodesEvaluated"] = 3,
            ["NodesFiltered"] = 0,
            ["NodesInPool"] = 3,
            ["NodesAvailable"] = new JsonObject { [allocation.Node.Datacenter] = 3 },
            ["ClassFiltered"] = null,
            ["ConstraintFiltered"] = null,
            ["NodesExhausted"] = 0,
            ["ClassExhausted"] = null,
            ["DimensionExhausted"] = null,
            ["QuotaExhausted"] = null,
            ["Scores"] = null,
            ["ScoreMetaData"] = null,
            ["AllocationTime"] = 61000,
            ["CoalescedFailures"] = 0,
        };
        return wire;
    }

    private static JsonObject? DeploymentStatus(DemoAllocation allocation) => allocation.Healthy is null && allocation.DeploymentId is null
        ? null
        : new JsonObject
        {
            ["Healthy"] = allocation.Healthy,
            ["Timestamp"] = Time(allocation.HealthTimestamp),
            ["Canary"] = false,
            ["ModifyIndex"] = allocation.ModifyIndex,
        };

    private static JsonObject TaskStates(DemoAllocation allocation) =>
        new(allocation.TaskStates.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["State"] = kv.Value.State,
            ["Failed"] = kv.Value.Failed,
            ["Restarts"] = kv.Value.Restarts,
            ["LastRestart"] = Time(kv.Value.LastRestart),
            ["StartedAt"] = Time(kv.Value.StartedAt),
            ["FinishedAt"] = Time(kv.Value.FinishedAt),
            ["Events"] = new JsonArray(kv.Value.Events.Select(TaskEvent).ToArray()),
            ["TaskHandle"] = null,
        })));

    private static JsonNode TaskEvent(DemoTaskEvent e) => new JsonObject
    {
        ["Type"] = e.Type,
        ["Time"] = e.TimeNanos,
        ["DisplayMessage"] = e.DisplayMessage,
        ["Details"] = e.ExitCode != 0 ? new JsonObject { ["exit_code"] = e.ExitCode.ToString(CultureInfo.InvariantCulture) } : new JsonObject(),
        ["Message"] = "",
        ["FailsTask"] = e.FailsTask,
        ["RestartReason"] = e.RestartReason ?? "",
        ["SetupError"] = "",
        ["DriverError"] = "",
        ["ExitCode"] = e.ExitCode,
        ["Signal"] = 0,
        ["KillTimeout"] = 0,
        ["KillError"] = "",
        ["KillReason"] = e.KillReason ?? "",
        ["StartDelay"] = 0,
        ["DownloadError"] = "",
        ["ValidationError"] = "",
        ["DiskLimit"] = 0,
        ["FailedSibling"] = "",
        ["VaultError"] = "",
        ["TaskSignalReason"] = "",
        ["TaskSignal"] = "",
        ["DriverMessage"] = "",
        ["GenericSource"] = "",
    };

    public static JsonObject Deployment(DemoDeployment deployment) => new()
    {
        ["ID"] = deployment.Id,
        ["Namespace"] = deployment.Namespace,
        ["JobID"] = deployment.JobId,
        ["JobVersion"] = deployment.JobVersion,
        ["JobModifyIndex"] = deployment.JobModifyIndex,
        ["JobSpecModifyIndex"] = deployment.JobModifyIndex,
        ["JobCreateIndex"] = deployment.JobCreateIndex,
        ["IsMultiregion"] = false,
        ["TaskGroups"] = new JsonObject(deployment.TaskGroups.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["AutoRevert"] = false,
            ["AutoPromote"] = false,
            ["ProgressDeadline"] = 600_000_000_000L,
            ["RequireProgressBy"] = Time(kv.Value.RequireProgressBy),
            ["Promoted"] = false,
            ["PlacedCanaries"] = null,
            ["DesiredCanaries"] = 0,
            ["DesiredTotal"] = kv.Value.DesiredTotal,
            ["PlacedAllocs"] = kv.Value.PlacedAllocs,
            ["HealthyAllocs"] = kv.Value.HealthyAllocs,
            ["UnhealthyAllocs"] = kv.Value.UnhealthyAllocs,
        }))),
        ["Status"] = deployment.Status,
        ["StatusDescription"] = deployment.StatusDescription,
        ["CreateIndex"] = deployment.CreateIndex,
        ["ModifyIndex"] = deployment.ModifyIndex,
        ["CreateTime"] = deployment.CreateTime,
        ["ModifyTime"] = deployment.ModifyTime,
    };

    /// <summary>
    /// A namespace (<c>structs.Namespace</c>) as <c>/v1/namespaces</c> and <c>/v1/namespace/:name</c> send it. The
    /// quota, node pool, Vault and Consul settings are Enterprise features, empty on the open-source servers.
    /// </summary>
    public static JsonObject Namespace(DemoNamespace ns) => new()
    {
        ["Name"] = ns.Name,
        ["Description"] = ns.Description,
        ["Quota"] = "",
        ["Capabilities"] = null,
        ["NodePoolConfiguration"] = null,
        ["VaultConfiguration"] = null,
        ["ConsulConfiguration"] = null,
        ["Meta"] = ns.Meta is null ? null : new JsonObject(ns.Meta.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        // Nomad hashes the user-set fields (Blake2b-256) to replicate namespaces between regions; any 32 bytes that
        // change with them serve.
        ["Hash"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ns.Name + "\n" + ns.Description))),
        ["CreateIndex"] = ns.CreateIndex,
        ["ModifyIndex"] = ns.ModifyIndex,
        ["RequiredExtraClaims"] = null,
        ["OptionalExtraClaims"] = null,
    };

    /// <summary>
    /// One instance of a Nomad-native service. Its ID is Nomad's <c>MakeAllocServiceID</c>: the task's name, or
    /// <c>group-&lt;group&gt;</c> for a group-level service.
    /// </summary>
    public static JsonObject ServiceRegistration(DemoAllocation allocation, DemoServiceSpec service) => new()
    {
        ["ID"] = $"_nomad-task-{allocation.Id}-{service.Task ?? "group-" + allocation.TaskGroup}-{service.Name}-{service.PortLabel}",
        ["ServiceName"] = service.Name,
        ["Namespace"] = allocation.Namespace,
        ["NodeID"] = allocation.Node.Id,
        ["Datacenter"] = allocation.Node.Datacenter,
        ["JobID"] = allocation.JobId,
        ["AllocID"] = allocation.Id,
        ["Tags"] = new JsonArray(service.Tags.Select(t => (JsonNode)t).ToArray()),
        ["Address"] = allocation.Node.Address,
        ["Port"] = allocation.Ports.GetValueOrDefault(service.PortLabel),
        ["CreateIndex"] = allocation.CreateIndex,
        ["ModifyIndex"] = allocation.ModifyIndex,
    };
}
