namespace Styx.Cluster.Nomad;

/// <summary>A node's schedulable capacity: CPU in MHz, memory and disk in MB.</summary>
public sealed record NodeResources
{
    public NodeCpuResources? Cpu { get; init; }
    public NodeMemoryResources? Memory { get; init; }
    public NodeDiskResources? Disk { get; init; }
}

/// <summary>CPU capacity of a node.</summary>
public sealed record NodeCpuResources
{
    public long CpuShares { get; init; }
    public long TotalCpuCores { get; init; }
}

/// <summary>Memory capacity of a node.</summary>
public sealed record NodeMemoryResources
{
    public long MemoryMB { get; init; }
}

/// <summary>Disk capacity of a node.</summary>
public sealed record NodeDiskResources
{
    public long DiskMB { get; init; }
}
