using Styx.Cluster.Logs;
using Styx.Cluster.Text;
using Styx.Tui.Screens.Logs;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// One log line as the Logs screen shows it: the body (JSON lines formatted, every control character a visible
/// placeholder, so filters, highlights and widths all work on what is drawn) and the level's colour. Prepared when first
/// asked for (drawn, or tested by a filter), not when it arrives: a burst of 10,000 lines a second followed by 50
/// sessions would otherwise format half a million lines a second that nobody sees. Only the UI thread uses it.
/// </summary>
internal sealed class LogRow(long number, LogLine line, bool timestamps)
{
    private JsonLogLine? _json;
    private bool _parsed;
    private string? _body;
    private int _levelLength;
    private bool _timestamps = timestamps;

    /// <summary>The line's number in the session's buffer.</summary>
    public long Number { get; } = number;

    public LogLine Line { get; } = line;

    /// <summary>The line read as JSON, or null for a plain line.</summary>
    public JsonLogLine? Json
    {
        get
        {
            if (!_parsed)
            {
                _json = JsonLogLine.Parse(Line.Text);
                _parsed = true;
            }

            return _json;
        }
    }

    /// <summary>What is drawn after the prefix: visible text only.</summary>
    public string Body
    {
        get
        {
            Prepared();
            return _body!;
        }
    }

    /// <summary>How many characters at the start of <see cref="Body"/> are the level word (0 when none).</summary>
    public int LevelLength
    {
        get
        {
            Prepared();
            return _levelLength;
        }
    }

    public LogLevelTone Tone => Json?.Tone ?? LogLevelTone.Normal;

    /// <summary>Sets whether times are shown (a JSON line's own time key comes and goes); the body is made again when next asked for.</summary>
    public void Prepare(bool timestamps)
    {
        _timestamps = timestamps;
        _body = null;
    }

    private void Prepared()
    {
        if (_body is not null)
        {
            return;
        }

        if (Json is { } json)
        {
            _body = ControlCharacters.MakeVisible(json.Format(withoutTime: _timestamps));
            _levelLength = json.Level is { } level ? ControlCharacters.MakeVisible(level).Length : 0;
        }
        else
        {
            _body = ControlCharacters.MakeVisible(Line.Text);
            _levelLength = 0;
        }
    }
}
