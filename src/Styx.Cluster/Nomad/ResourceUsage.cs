namespace Styx.Cluster.Nomad;

/// <summary>CPU and memory measured for an allocation or a task.</summary>
public sealed record ResourceUsage
{
    public MemoryStats? MemoryStats { get; init; }
    public CpuStats? CpuStats { get; init; }
}

/// <summary>Memory in bytes.</summary>
public sealed record MemoryStats
{
    public ulong RSS { get; init; }
    public ulong Cache { get; init; }
    public ulong Swap { get; init; }
    public ulong Usage { get; init; }
    public ulong MaxUsage { get; init; }
    public IReadOnlyList<string>? Measured { get; init; }
}

/// <summary>CPU: <see cref="Percent"/> of one core, <see cref="TotalTicks"/> in MHz.</summary>
public sealed record CpuStats
{
    public double SystemMode { get; init; }
    public double UserMode { get; init; }
    public double TotalTicks { get; init; }
    public ulong ThrottledPeriods { get; init; }
    public ulong ThrottledTime { get; init; }
    public double Percent { get; init; }
    public IReadOnlyList<string>? Measured { get; init; }
}
