namespace Styx.Tui.Configuration;

/// <summary>The command line is wrong; the message says what to type. Exit status 2.</summary>
public sealed class UsageError(string message) : Exception(message);
