namespace Styx.Cluster.Logs;

/// <summary>One follower of a shared tail: the buffer its lines go to, and who to tell when the tail's status changes.</summary>
internal sealed class LogTailSubscription(LogBuffer buffer, Action statusChanged)
{
    public LogBuffer Buffer { get; } = buffer;

    public Action StatusChanged { get; } = statusChanged;
}
