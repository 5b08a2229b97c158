namespace Styx.Cluster.Logs;

/// <summary>One LogQL query in Loki: what a shared Loki tail follows.</summary>
public sealed record LokiTailKey(string Query);
