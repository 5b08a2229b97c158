using Styx.Cluster.Access;

namespace Styx.Tui.Configuration;

/// <summary>What <c>styx-tui</c> was asked to do (DESIGN.md §8).</summary>
public abstract record StyxCommand
{
    /// <summary><c>--config</c>, if given; every command reads configuration to find the keys folder.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Configuration keys set by flags.</summary>
    public IReadOnlyDictionary<string, string?> Flags { get; init; } = new Dictionary<string, string?>();
}

/// <summary><c>styx-tui [serve] [options]</c>: run the SSH server.</summary>
public sealed record ServeCommand : StyxCommand;

/// <summary><c>styx-tui keys add FILE --role ROLE [--name NAME] [--from PATTERNS]</c>.</summary>
public sealed record KeysAddCommand(string PublicKeyFile, Role Role, string? Name, string? From) : StyxCommand;

/// <summary><c>styx-tui keys list</c>: fingerprint, name, role, from.</summary>
public sealed record KeysListCommand : StyxCommand;

/// <summary><c>styx-tui hostkey</c>: print the host key fingerprint (creating the key if needed).</summary>
public sealed record HostKeyCommand : StyxCommand;

/// <summary><c>styx-tui help</c> / <c>--help</c>.</summary>
public sealed record HelpCommand : StyxCommand;

/// <summary><c>styx-tui version</c> / <c>--version</c>.</summary>
public sealed record VersionCommand : StyxCommand;
