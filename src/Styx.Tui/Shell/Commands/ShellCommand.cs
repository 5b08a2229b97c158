using System.Collections.Immutable;
using Styx.Cluster.Access;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>What a <c>:</c> command's argument names, so completion knows what to offer.</summary>
internal enum ArgumentKind
{
    None,
    Job,
    Node,
    Allocation,
    Namespace,
}

/// <summary>
/// One entry of the command table, from which key handling, the <c>?</c> help, <c>:</c> completion and the status-line
/// hints are all made: its keys, its <c>:</c> words, where it applies, the role it needs and what it runs. Adding a
/// command is adding one of these.
/// </summary>
internal sealed record ShellCommand
{
    /// <summary>What it does, for the help (e.g. "open the Jobs screen").</summary>
    public required string Help { get; init; }

    /// <summary>Keys as <see cref="KeyName"/> names them (e.g. <c>j</c>, <c>Down</c>, <c>Ctrl+F</c>); the first is shown in help.</summary>
    public ImmutableArray<string> Keys { get; init; } = [];

    /// <summary><c>:</c> words (the first is shown; the others are short forms).</summary>
    public ImmutableArray<string> Words { get; init; } = [];

    /// <summary>The argument's placeholder for help, e.g. <c>JOB</c>; null when it takes none.</summary>
    public string? Argument { get; init; }

    /// <summary>Whether the argument may be left out (<c>:allocs [JOB]</c>).</summary>
    public bool ArgumentOptional { get; init; }

    public ArgumentKind ArgumentKind { get; init; }

    /// <summary>For actions: the kinds of row they act on; the command applies on screens whose rows include one.</summary>
    public TargetKinds Targets { get; init; }

    /// <summary>For actions: what ClusterCommands checks. Help and hints show it only to roles that may take it.</summary>
    public ClusterAction? Action { get; init; }

    /// <summary>Only on table screens (the Logs screen has keys of its own for moving and filtering).</summary>
    public bool TableOnly { get; init; }

    /// <summary>Only on screens that allow marks (space).</summary>
    public bool NeedsMarks { get; init; }

    /// <summary>Shown among the status line's hints.</summary>
    public bool Hint { get; init; }

    /// <summary>Runs it; the argument is what followed the <c>:</c> word (null for a key).</summary>
    public required Action<IShell, string?> Run { get; init; }

    /// <summary>Whether the command applies on <paramref name="screen"/>.</summary>
    public bool AppliesTo(Screen screen) =>
        (Targets == TargetKinds.None || (screen.Targets & Targets) != 0) && (!NeedsMarks || screen.AllowsMarks) && (!TableOnly || screen.IsTable);

    /// <summary>Whether help and hints show it to <paramref name="role"/>.</summary>
    public bool ShownTo(Role role) => Action is not { } action || RolePolicy.Allows(role, action);
}
