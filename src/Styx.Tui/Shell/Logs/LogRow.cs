using Styx.Cluster.Logs;
using Styx.Cluster.Text;
using Styx.Tui.Screens.Logs;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// One log line as the Logs screen shows it, prepared once when it arrives: the body (JSON lines formatted, every
/// control character already a visible placeholder, so filters, highlights and widths all work on what is drawn) and
/// the level's colour. Only a timestamps toggle prepares it again (a JSON line's own time key comes and goes).
/// </summary>
internal sealed class LogRow
{
    public LogRow(long number, LogLine line, bool timestamps)
    {
        Number = number;
        Line = line;
        Json = JsonLogLine.Parse(line.Text);
        Prepare(timestamps);
    }

    /// <summary>The line's number in the session's buffer.</summary>
    public long Number { get; }

    public LogLine Line { get; }

    /// <summary>The line read as JSON, or null for a plain line.</summary>
    public JsonLogLine? Json { get; }

    /// <summary>What is drawn after the prefix: visible text only.</summary>
    public string Body { get; private set; } = "";

    /// <summary>How many characters at the start of <see cref="Body"/> are the level word (0 when none).</summary>
    public int LevelLength { get; private set; }

    public LogLevelTone Tone => Json?.Tone ?? LogLevelTone.Normal;

    public void Prepare(bool timestamps)
    {
        if (Json is { } json)
        {
            Body = ControlCharacters.MakeVisible(json.Format(withoutTime: timestamps));
            LevelLength = json.Level is { } level ? ControlCharacters.MakeVisible(level).Length : 0;
        }
        else
        {
            Body = ControlCharacters.MakeVisible(Line.Text);
            LevelLength = 0;
        }
    }
}
