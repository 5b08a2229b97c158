namespace Styx.Tui.Screens;

/// <summary>What rows can stand for, so a command can say where it applies (the action keys, marks).</summary>
[Flags]
internal enum TargetKinds
{
    None = 0,
    Job = 1,
    Group = 2,
    Allocation = 4,
    Node = 8,
    PlatformService = 16,
    Service = 32,

    /// <summary>One task of one allocation (the allocation screen's task rows).</summary>
    Task = 64,

    /// <summary>A line of the Logs screen: its keys (follow, wrap, stream…) apply there only.</summary>
    LogLine = 128,

    /// <summary>A graph of the Metrics screen: its keys (range, cursor, next graph) apply there only.</summary>
    MetricGraph = 256,
}
