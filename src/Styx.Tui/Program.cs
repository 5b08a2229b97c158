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

        using var shutdown = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            shutdown.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        return command switch
        {
            KeysAddCommand add => KeysCommands.Add(options.AuthorizedKeysPath, add.PublicKeyFile, add.Role, add.Name, add.From, stdout, stderr),
            KeysListCommand => KeysCommands.List(options.AuthorizedKeysPath, stdout, stderr),
            HostKeyCommand => await HostKeyAsync(options.HostKeyPath, stdout, stderr),
            _ => await Hosting.StyxServerHost.RunAsync(options, environment, stdout, stderr, stderrIsTerminal: !Console.IsErrorRedirected, shutdown.Token),
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
