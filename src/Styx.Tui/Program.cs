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
        try
        {
            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
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

        return command switch
        {
            KeysAddCommand add => KeysCommands.Add(options.AuthorizedKeysPath, add.PublicKeyFile, add.Role, add.Name, add.From, stdout, stderr),
            KeysListCommand => KeysCommands.List(options.AuthorizedKeysPath, stdout, stderr),
            _ => await NotYetAsync(stderr),
        };
    }

    private static async Task<int> NotYetAsync(TextWriter stderr)
    {
        await stderr.WriteLineAsync("styx-tui: this command is not available in this build yet");
        return 1;
    }
}
