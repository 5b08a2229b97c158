namespace Styx.Cluster.Platform;

/// <summary>A named port of a platform service (e.g. NATS <c>monitoring</c> 8222).</summary>
public sealed record PlatformPort(string Name, int Port);
