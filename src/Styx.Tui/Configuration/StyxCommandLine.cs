using Styx.Cluster.Access;

namespace Styx.Tui.Configuration;

/// <summary>Parses <c>styx-tui</c>'s arguments. A mistake throws <see cref="UsageError"/> with a line saying what to type.</summary>
public static class StyxCommandLine
{
    public const string Usage = """
        usage: styx-tui [serve] [options]
               styx-tui keys add FILE --role viewer|operator|admin [--name NAME] [--from PATTERNS]
               styx-tui keys list
               styx-tui hostkey
               styx-tui help | version

        options (each also in styx.json and as STYX_* variables; flags win):
          --demo                  run against the simulated Styx cluster (listens on 127.0.0.1:2222)
          --listen ADDR:PORT      where to accept SSH connections (default 0.0.0.0:2222)
          --http-listen ADDR:PORT serve GET /health and GET /metrics (Prometheus) there (default: off)
          --host-key FILE         host key, created on first start (default keys/host_ed25519)
          --authorized-keys FILE  who may log in and with which role (default keys/authorized_keys)
          --audit-log FILE        JSON-lines audit log (default logs/audit.jsonl)
          --cluster-name NAME     shown in the status line and banner (default styx)
          --nomad-addr URL        Nomad HTTP API (default $NOMAD_ADDR or http://127.0.0.1:4646)
          --prometheus-addr URL   Prometheus HTTP API
          --loki-addr URL         Loki HTTP API
          --log-level LEVEL       Verbose, Debug, Information (default), Warning or Error
          --log-format FORMAT     auto (default: text on a terminal, JSON lines otherwise), text or json
          --log-file FILE         also write the log as JSON lines to FILE, a new file each day (7 kept)
          --config FILE           configuration file (default ./styx.json when present)
        """;

    public static StyxCommand Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args);
        string? configFile = null;
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? role = null, name = null, from = null;
        var positional = new List<string>();

        for (var i = 0; i < rest.Count; i++)
        {
            var arg = rest[i];
            if (arg is "-h" or "--help")
            {
                return new HelpCommand();
            }

            if (arg == "--version")
            {
                return new VersionCommand();
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var flag = arg[2..];
            string? value = null;
            var eq = flag.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = flag[(eq + 1)..];
                flag = flag[..eq];
            }

            if (flag == "demo")
            {
                flags[StyxOptionsLoader.FlagKeys["demo"]] = value ?? "true";
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= rest.Count)
                {
                    throw new UsageError($"--{flag} needs a value; see styx-tui --help");
                }

                value = rest[++i];
            }

            switch (flag)
            {
                case "config":
                    configFile = value;
                    break;
                case "role":
                    role = value;
                    break;
                case "name":
                    name = value;
                    break;
                case "from":
                    from = value;
                    break;
                default:
                    if (!StyxOptionsLoader.FlagKeys.TryGetValue(flag, out var key))
                    {
                        throw new UsageError($"unknown option --{flag}; see styx-tui --help");
                    }

                    flags[key] = value;
                    break;
            }
        }

        StyxCommand command = positional switch
        {
            [] or ["serve"] => new ServeCommand(),
            ["help"] => new HelpCommand(),
            ["version"] => new VersionCommand(),
            ["hostkey"] => new HostKeyCommand(),
            ["keys", "list"] => new KeysListCommand(),
            ["keys", "add", var file] => KeysAdd(file, role, name, from),
            ["keys", "add"] => throw new UsageError("keys add needs the public key file: styx-tui keys add ~/.ssh/id_ed25519.pub --role operator"),
            ["keys", ..] => throw new UsageError("keys takes 'add FILE --role ROLE' or 'list'"),
            _ => throw new UsageError($"unknown command '{string.Join(' ', positional)}'; see styx-tui --help"),
        };

        if (command is not KeysAddCommand && (role ?? name ?? from) is not null)
        {
            throw new UsageError("--role, --name and --from belong to 'keys add'");
        }

        return command with { ConfigFile = configFile, Flags = flags };
    }

    private static KeysAddCommand KeysAdd(string file, string? role, string? name, string? from)
    {
        if (role is null)
        {
            throw new UsageError("keys add needs --role viewer, --role operator or --role admin");
        }

        if (!RoleNames.TryParse(role, out var parsed))
        {
            throw new UsageError($"--role {role} is not a role; use viewer, operator or admin");
        }

        return new KeysAddCommand(file, parsed.Value, name, from);
    }
}
