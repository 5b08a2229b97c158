using System.Text;
using Styx.Cluster.Access;

namespace Styx.Tui.Access;

/// <summary>
/// <c>styx-tui keys add</c> and <c>keys list</c>: manage <c>authorized_keys</c> without hand-editing it. Both write
/// to the given <see cref="TextWriter"/>s and return the process exit status (0 ok, 2 usage or input error).
/// </summary>
public static class KeysCommands
{
    public static int Add(string authorizedKeysPath, string publicKeyFile, Role role, string? name, string? from, TextWriter output, TextWriter error)
    {
        string line;
        try
        {
            line = File.ReadAllLines(publicKeyFile).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) ?? "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"keys add: cannot read {publicKeyFile}: {ex.Message}");
            return 2;
        }

        if (line.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            error.WriteLine($"keys add: {publicKeyFile} is a private key; give the .pub file");
            return 2;
        }

        var key = AuthorizedKeysParser.ParseLine(line, 1, out var parseError);
        if (key is null)
        {
            error.WriteLine($"keys add: {publicKeyFile}: {parseError}");
            return 2;
        }

        if (name is not null && (name.Contains('\n', StringComparison.Ordinal) || name.Trim().Length == 0))
        {
            error.WriteLine("keys add: --name must be one non-empty line");
            return 2;
        }

        var options = new StringBuilder($"role=\"{role.ToName()}\"");
        if (from is not null)
        {
            options.Append($",from=\"{from.Replace("\"", "", StringComparison.Ordinal)}\"");
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var comment = name?.Trim() ?? (parts.Length > 2 ? parts[2] : key.Name);
        var newLine = $"{options} {parts[0]} {parts[1]} {comment}";

        // Check the finished line the way the server will read it, including the from= patterns.
        var check = AuthorizedKeysParser.ParseLine(newLine, 1, out var checkError);
        if (check is null)
        {
            error.WriteLine($"keys add: {checkError}");
            return 2;
        }

        var existing = File.Exists(authorizedKeysPath) ? File.ReadAllText(authorizedKeysPath) : "";
        var current = AuthorizedKeysParser.Parse(existing);
        var already = current.Keys.FirstOrDefault(k => k.Fingerprint == check.Fingerprint);
        if (already is not null)
        {
            error.WriteLine($"keys add: {check.Fingerprint} is already authorized as {already.Name} ({already.Role.ToName()}) on line {already.LineNumber}; edit that line to change it");
            return 2;
        }

        var separator = existing.Length > 0 && !existing.EndsWith('\n') ? "\n" : "";
        AuthorizedKeysFile.Append(authorizedKeysPath, separator + newLine + "\n");
        output.WriteLine($"added {check.Fingerprint} {check.Name} as {role.ToName()}");
        return 0;
    }

    public static int List(string authorizedKeysPath, TextWriter output, TextWriter error)
    {
        var text = File.Exists(authorizedKeysPath) ? File.ReadAllText(authorizedKeysPath) : "";
        var result = AuthorizedKeysParser.Parse(text);
        if (result.Keys.IsEmpty)
        {
            output.WriteLine($"no keys in {authorizedKeysPath}; add one with: styx-tui keys add ~/.ssh/id_ed25519.pub --role operator");
        }
        else
        {
            var nameWidth = Math.Max(4, result.Keys.Max(k => k.Name.Length));
            output.WriteLine($"{"FINGERPRINT",-50}  {"NAME".PadRight(nameWidth)}  {"ROLE",-8}  FROM");
            foreach (var key in result.Keys)
            {
                var fromText = key.From.IsEmpty ? "anywhere" : string.Join(',', key.From);
                output.WriteLine($"{key.Fingerprint,-50}  {key.Name.PadRight(nameWidth)}  {key.Role.ToName(),-8}  {fromText}");
            }
        }

        foreach (var problem in result.Errors)
        {
            error.WriteLine($"{authorizedKeysPath}: {problem} (skipped)");
        }

        return 0;
    }
}
