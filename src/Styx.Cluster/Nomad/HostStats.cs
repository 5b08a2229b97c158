namespace Styx.Cluster.Nomad;

/// <summary><c>GET /v1/client/stats</c>: a node's host CPU, memory and disk.</summary>
public sealed record HostStats
{
    public HostMemoryStats? Memory { get; init; }
    public IReadOnlyList<HostCpuStats>? CPU { get; init; }
    public IReadOnlyList<HostDiskStats>? DiskStats { get; init; }
    public HostDiskStats? AllocDirStats { get; init; }
    /// <summary>Seconds.</summary>
    public ulong Uptime { get; init; }
    public double CPUTicksConsumed { get; init; }
    public long Timestamp { get; init; }
}

/// <summary>Host memory in bytes.</summary>
public sealed record HostMemoryStats
{
    public ulong Total { get; init; }
    public ulong Available { get; init; }
    public ulong Used { get; init; }
    public ulong Free { get; init; }
}

/// <summary>One core's use, percent.</summary>
public sealed record HostCpuStats
{
    public string CPU { get; init; } = "";
    public double User { get; init; }
    public double System { get; init; }
    public double Idle { get; init; }
    public double Total { get; init; }
}

/// <summary>One disk.</summary>
public sealed record HostDiskStats
{
    public string? Device { get; init; }
    public string? Mountpoint { get; init; }
    public ulong Size { get; init; }
    public ulong Used { get; init; }
    public ulong Available { get; init; }
    public double UsedPercent { get; init; }
    public double InodesUsedPercent { get; init; }
}
