namespace Styx.Cluster.Logs;

/// <summary>The log source a request needs is not configured or not reachable; the message says what to do.</summary>
public sealed class LogSourceUnavailableException(string message) : Exception(message);
