namespace Styx.Cluster.Nomad;

/// <summary>What a node keeps back from the scheduler.</summary>
public sealed record NodeReservedResources
{
    public NodeReservedCpu? Cpu { get; init; }
    public NodeReservedMemory? Memory { get; init; }
}

/// <summary>Reserved CPU, MHz.</summary>
public sealed record NodeReservedCpu
{
    public long CpuShares { get; init; }
}

/// <summary>Reserved memory, MB.</summary>
public sealed record NodeReservedMemory
{
    public long MemoryMB { get; init; }
}
