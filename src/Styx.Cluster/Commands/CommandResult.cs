namespace Styx.Cluster.Commands;

/// <summary>What a command did, in one line a person can act on (no tokens, no stack traces).</summary>
public sealed record CommandResult(CommandOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome == CommandOutcome.Succeeded;

    public static CommandResult Ok(string message) => new(CommandOutcome.Succeeded, message);
}
