using System.Runtime.InteropServices;
using Styx.Tui.Access;
using Styx.Tui.Configuration;

namespace Styx.Tui;

/// <summary>
/// <c>styx-tui</c>: parses the command line, loads configuration, and runs the chosen command. Exit status 0 on
/// success, 1 on a runtime failure, 2 on a usage or configuration error (DESIGN.md §8: one clear line that names the
/// setting).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        StyxCommand command;
        try
        {
            command = StyxCommandLine.Parse(args);
        }
        catch (UsageError ex)
        {
            await stderr.WriteLineAsync("styx-tui: " + ex.Message);
            return 2;
        }

        if (command is HelpCommand)
        {
            await stdout.WriteLineAsync(StyxCommandLine.Usage);
            return 0;
        }

        if (command is VersionCommand)
        {
            await stdout.WriteLineAsync("styx-tui " + StyxVersion.Current);
            return 0;
        }

        StyxOptions options;
        Dictionary<string, string?> environment;
        try
        {
            environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            options = StyxOptionsLoader.Load(command.Flags, environment, command.ConfigFile, Directory.GetCurrentDirectory());
        }
        catch (ConfigurationError ex)
        {
            await stderr.WriteLineAsync("styx-tui: " + ex.Message);
            return 2;
        }

        // The first SIGTERM (a service manager, Nomad) or SIGINT (Ctrl+C) begins a graceful stop; a second one cuts
        // the sessions still closing.
        using var stop = new CancellationTokenSource();
        using var hurry = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            (stop.IsCancellationRequested ? hurry : stop).Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        return command switch
        {
            KeysAddCommand add => KeysCommands.Add(options.AuthorizedKeysPath, add.PublicKeyFile, add.Role, add.Name, add.From, stdout, stderr),
            KeysListCommand => KeysCommands.List(options.AuthorizedKeysPath, stdout, stderr),
            HostKeyCommand => await HostKeyAsync(options.HostKeyPath, stdout, stderr),
            _ => await Hosting.StyxServerHost.RunAsync(options, environment, stdout, stderr, stderrIsTerminal: !Console.IsErrorRedirected, stop.Token, hurry.Token),
        };
    }

    /// <summary><c>styx-tui hostkey</c>: the fingerprint clients will see (the key is created if it does not exist yet).</summary>
    private static async Task<int> HostKeyAsync(string path, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var (key, created) = Ssh.HostKeys.OpenSshKeyFile.LoadOrCreate(path);
            await stdout.WriteLineAsync($"{key.Fingerprint} (ssh-ed25519){(created ? " new key" : "")} {path}");
            return 0;
        }
        catch (InvalidDataException ex)
        {
            await stderr.WriteLineAsync("styx-tui: " + ex.Message);
            return 2;
        }
    }
}
