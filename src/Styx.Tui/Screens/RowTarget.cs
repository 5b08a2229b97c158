namespace Styx.Tui.Screens;

/// <summary>What a row stands for: what <c>enter</c> opens and what an action key acts on.</summary>
internal abstract record RowTarget;

internal sealed record JobTarget(string JobId) : RowTarget;

internal sealed record GroupTarget(string JobId, string Group) : RowTarget;

internal sealed record AllocationTarget(string AllocationId, string Name) : RowTarget;

internal sealed record NodeTarget(string NodeId, string Name) : RowTarget;

internal sealed record PlatformServiceTarget(string Name, string? JobId) : RowTarget;

/// <summary>A row that only leads to another screen (the Overview's lines).</summary>
internal sealed record ScreenTarget(Func<Screen> Open) : RowTarget;
