namespace Styx.Cluster.Logs;

/// <summary>Which of a task's two log files a line came from (Nomad's <c>type</c> parameter, Loki's stream label).</summary>
public enum LogStream
{
    Stdout,
    Stderr,
}
