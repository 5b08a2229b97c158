namespace Styx.Tui.Configuration;

/// <summary>A setting is wrong. The message is one line that names the setting and says what to write instead.</summary>
public sealed class ConfigurationError(string message) : Exception(message);
