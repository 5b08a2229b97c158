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
}
