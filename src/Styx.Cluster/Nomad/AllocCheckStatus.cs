namespace Styx.Cluster.Nomad;

/// <summary>
/// The latest result of one Nomad-native service check of an allocation (<c>GET /v1/client/allocation/:id/checks</c>,
/// a map of these by check ID; Nomad's <c>api.AllocCheckStatus</c>, <c>structs.CheckQueryResult</c> on the server).
/// </summary>
public sealed record AllocCheckStatus
{
    /// <summary>Check statuses (<c>structs.CheckStatus</c>); deployments treat pending like failure.</summary>
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Pending = "pending";

    public string ID { get; init; } = "";
    /// <summary>The check's name, e.g. <c>healthz</c>.</summary>
    public string Check { get; init; } = "";
    /// <summary>The allocation's name, e.g. <c>web.web[0]</c> (Nomad fills in the allocation name, not the group's).</summary>
    public string Group { get; init; } = "";
    /// <summary><c>healthiness</c> (holds deployments back while failing) or <c>readiness</c> (<c>on_update = "ignore"</c>).</summary>
    public string Mode { get; init; } = "";
    /// <summary>What the check saw: e.g. <c>nomad: http ok</c>, a dial error, or an HTTP body (at most 3 KiB).</summary>
    public string Output { get; init; } = "";
    public string Service { get; init; } = "";
    /// <summary>The task of a task-level service; empty (absent on the wire) for a group-level one.</summary>
    public string? Task { get; init; }
    /// <summary><see cref="Success"/>, <see cref="Failure"/> or <see cref="Pending"/> (not run yet).</summary>
    public string Status { get; init; } = "";
    /// <summary>The HTTP status of an HTTP check's last run; 0 (absent on the wire) otherwise.</summary>
    public int StatusCode { get; init; }
    /// <summary>When the check last ran, in Unix seconds.</summary>
    public long Timestamp { get; init; }
}
