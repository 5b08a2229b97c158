namespace Styx.Cluster.Logs;

/// <summary>
/// One line of a task's log, without its line end. <see cref="Text"/> is the raw text from the cluster: untrusted,
/// it reaches a terminal only through <see cref="Text.ControlCharacters"/>.
/// </summary>
/// <param name="Time">When the line was written (Loki's timestamp) or, for Nomad, which keeps no time per line, when Styx received it.</param>
public sealed record LogLine(LogOrigin Origin, DateTimeOffset Time, string Text);
