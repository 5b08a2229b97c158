namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// What the client's terminal can do, from the pty request's <c>TERM</c> and the environment the client sent. The
/// mapping follows terminal-gui-over-ssh.md §3: COLORTERM rarely reaches a server over SSH, so TERM decides.
/// </summary>
/// <param name="Depth">The colour depth frames are written in.</param>
/// <param name="CanShowFullScreen">False for terminals without cursor addressing (<c>dumb</c>, empty TERM).</param>
internal sealed record TerminalProfile(ColorDepth Depth, bool CanShowFullScreen)
{
    public static TerminalProfile From(string? term, IReadOnlyDictionary<string, string> environment)
    {
        var name = (term ?? "").Trim().ToLowerInvariant();
        var fullScreen = name.Length > 0 && name != "dumb";
        // https://no-color.org: any non-empty NO_COLOR turns colour off; text styles stay.
        if (environment.TryGetValue("NO_COLOR", out var noColor) && noColor.Length > 0)
        {
            return new TerminalProfile(ColorDepth.Mono, fullScreen);
        }

        var colorTerm = environment.GetValueOrDefault("COLORTERM", "").ToLowerInvariant();
        var depth = name switch
        {
            "" or "dumb" or "vt100" or "vt102" or "vt220" or "ansi-mono" => ColorDepth.Mono,
            _ when name.Contains("direct", StringComparison.Ordinal) || name.Contains("truecolor", StringComparison.Ordinal)
                || colorTerm is "truecolor" or "24bit" => ColorDepth.TrueColor,
            _ when name.EndsWith("-256color", StringComparison.Ordinal) => ColorDepth.Color256,
            _ => ColorDepth.Color16,
        };
        return new TerminalProfile(depth, fullScreen);
    }
}
