namespace Styx.Cluster.Logs;

/// <summary>One task's log stream in Nomad: what a shared Nomad tail reads.</summary>
public sealed record AllocationLogKey(string AllocationId, string Task, LogStream Stream);
