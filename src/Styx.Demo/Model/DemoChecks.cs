using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>
/// The Nomad-native service checks a client runs for an allocation (<c>/v1/client/allocation/:id/checks</c>, Nomad's
/// <c>CheckQueryResult</c> per check ID), derived from the allocation's simulated health: <c>pending</c> with
/// "nomad: waiting to run" from placement until the allocation is healthy, <c>success</c> once it is, and
/// <c>failure</c> while a task is down (the flaky worker after a crash). Nomad inserts the pending stubs when the
/// allocation starts on its client and purges every result when the allocation is stopped, so a stopping or
/// finished allocation has none (<c>null</c>).
/// </summary>
internal static class DemoChecks
{
    /// <summary>How often a check runs (the default cluster's checks say 10 s); results carry the last run's time.</summary>
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);

    /// <summary>The allocation's check results by check ID, or null when it has none (as Nomad's client answers).</summary>
    public static JsonObject? Of(DemoAllocation allocation, DemoJob? job, DemoOptions options, DateTimeOffset now)
    {
        if (job?.Group(allocation.TaskGroup) is not { } group || allocation.DesiredStatus != "run" || allocation.IsTerminal)
        {
            return null;
        }

        var checks = group.Services.SelectMany(service => service.Checks.Select(check => (Service: service, Check: check))).ToList();
        if (checks.Count == 0)
        {
            return null;
        }

        var (status, since) = State(allocation, options, now);
        var lastRun = since + TimeSpan.FromTicks((now - since).Ticks / s_interval.Ticks * s_interval.Ticks);
        var results = new JsonObject();
        foreach (var (service, check) in checks)
        {
            var id = CheckId(allocation, service, check);
            var address = $"{allocation.Node.Address}:{allocation.Ports.GetValueOrDefault(check.PortLabel).ToString(CultureInfo.InvariantCulture)}";
            var result = new JsonObject
            {
                ["ID"] = id,
                ["Mode"] = check.OnUpdate == "ignore" ? "readiness" : "healthiness",
                ["Status"] = status,
            };
            // StatusCode and Task are omitempty in Nomad's struct.
            if (status == "success" && check.Type == "http")
            {
                result["StatusCode"] = 200;
            }

            result["Output"] = (status, check.Type) switch
            {
                ("pending", _) => "nomad: waiting to run",
                ("success", "http") => "nomad: http ok",
                ("success", _) => "nomad: tcp ok",
                (_, "http") => $"nomad: Get \"http://{address}{check.Path}\": dial tcp {address}: connect: connection refused",
                _ => $"dial tcp {address}: connect: connection refused",
            };
            result["Timestamp"] = (status == "pending" ? since : lastRun).ToUnixTimeSeconds();
            result["Group"] = allocation.Name;
            if (service.Task is { } task)
            {
                result["Task"] = task;
            }

            result["Service"] = service.Name;
            result["Check"] = check.Name;
            results[id] = result;
        }

        return results;
    }

    /// <summary>The checks' status and since when it holds.</summary>
    private static (string Status, DateTimeOffset Since) State(DemoAllocation allocation, DemoOptions options, DateTimeOffset now)
    {
        var created = DateTimeOffset.UnixEpoch.AddTicks(allocation.CreateTime / 100);
        if (allocation.ClientStatus != "running")
        {
            return ("pending", created);
        }

        // A task down after a crash (waiting to be restarted): nothing answers on the port.
        if (allocation.TaskStates.Values.FirstOrDefault(s => s.State != "running") is { } down)
        {
            return ("failure", down.LastRestart ?? allocation.PhaseStarted);
        }

        // Service jobs pass once the deployment health says so; the others (system jobs) once they have run as long.
        var passingSince = allocation.JobType == "service"
            ? allocation.Healthy == true ? allocation.PhaseStarted : (DateTimeOffset?)null
            : now - allocation.PhaseStarted >= options.HealthyDelay ? allocation.PhaseStarted : null;
        return passingSince is { } passing ? ("success", passing) : ("pending", created);
    }

    /// <summary>
    /// A check ID like Nomad's <c>NomadCheckID</c>: 32 hex digits that depend on the allocation, group, task and the
    /// check's definition. Nomad takes an MD5; any stable 128 bits serve, and SHA-256 keeps the analyzers quiet.
    /// </summary>
    private static string CheckId(DemoAllocation allocation, DemoServiceSpec service, DemoCheckSpec check)
    {
        var text = string.Join('\n', allocation.Id, allocation.TaskGroup, service.Task ?? "", check.Name, check.Type, check.PortLabel, check.Path, check.OnUpdate);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
