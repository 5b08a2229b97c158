namespace Styx.Tui.Screens;

/// <summary>What a row stands for: what <c>enter</c> opens and what an action key acts on.</summary>
internal abstract record RowTarget
{
    /// <summary>The kind of target, for the commands that act on it.</summary>
    public abstract TargetKinds Kind { get; }
}

/// <summary>A job: job IDs are unique only within a Nomad namespace, so the namespace goes with it.</summary>
internal sealed record JobTarget(string JobId, string Namespace) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Job;
}

internal sealed record GroupTarget(string JobId, string Group, string Namespace) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Group;
}

internal sealed record AllocationTarget(string AllocationId, string Name) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Allocation;
}

/// <summary>One task of an allocation: <c>l</c> opens its log.</summary>
internal sealed record TaskTarget(string AllocationId, string Task) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Task;
}

internal sealed record NodeTarget(string NodeId, string Name) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Node;
}

internal sealed record PlatformServiceTarget(string Name, string? JobId, string Namespace = "default") : RowTarget
{
    public override TargetKinds Kind => TargetKinds.PlatformService;
}

/// <summary>A Nomad service registration (Nomad services screen); enter opens its allocation.</summary>
internal sealed record ServiceTarget(string ServiceName, string AllocationId, string JobId, string Namespace) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.Service;
}

/// <summary>A row that only leads to another screen (the Overview's lines).</summary>
internal sealed record ScreenTarget(Func<Screen> Open) : RowTarget
{
    public override TargetKinds Kind => TargetKinds.None;
}
