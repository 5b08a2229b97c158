namespace Styx.Cluster.Commands;

/// <summary>Thrown inside a command when its input is wrong; becomes an Invalid or NotFound result, never escapes.</summary>
internal sealed class CommandInputException(CommandOutcome outcome, string message) : Exception(message)
{
    public CommandOutcome Outcome { get; } = outcome;

    public static CommandInputException NotFound(string message) => new(CommandOutcome.NotFound, message);

    public static CommandInputException Invalid(string message) => new(CommandOutcome.Invalid, message);
}
