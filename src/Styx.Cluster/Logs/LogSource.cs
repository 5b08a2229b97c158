namespace Styx.Cluster.Logs;

/// <summary>Where a session reads logs from.</summary>
public enum LogSource
{
    /// <summary>Nomad's allocation log stream: live, exact, no Loki needed; no time per line and no history beyond the file.</summary>
    Nomad,

    /// <summary>Loki: history by time range, LogQL, and a live tail over WebSocket.</summary>
    Loki,
}
