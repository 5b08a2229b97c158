using System.Globalization;
using System.Text;
using System.Text.Json;
using Styx.Cluster.Logs;
using Styx.Cluster.Text;

namespace Styx.Tui.Commands;

/// <summary>
/// How <c>logs</c> and <c>query</c> print one log line. Text: the line as the task wrote it, with every control
/// character shown as a placeholder; before it, when asked, the time, and when lines of several streams are merged,
/// where it came from (<c>1a2b3c4d web </c>). JSON: one object per line (NDJSON, for <c>jq</c>), where JSON's own
/// escaping makes control characters safe, so the raw line round-trips.
/// </summary>
internal static class LogLineText
{
    /// <summary>RFC 3339 in UTC to the millisecond: what a person reads in front of a line.</summary>
    private const string TextTime = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>RFC 3339 in UTC to the 100 ns tick, fixed width so the strings sort as the times do.</summary>
    private const string JsonTime = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(LogLine line, bool withOrigin, bool withTime)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = new StringBuilder(line.Text.Length + 40);
        if (withTime)
        {
            text.Append(line.Time.UtcDateTime.ToString(TextTime, CultureInfo.InvariantCulture)).Append(' ');
        }

        if (withOrigin)
        {
            text.Append(Origin(line.Origin)).Append(' ');
        }

        return text.Append(ControlCharacters.MakeVisible(line.Text)).ToString();
    }

    /// <summary>
    /// Where a line came from: the short allocation ID and the task, as Nomad's CLI shows them; for a Loki line
    /// without an allocation label, the job and task it names.
    /// </summary>
    public static string Origin(LogOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var where = origin.AllocationId.Length > 0 ? origin.ShortAllocationId : origin.JobId;
        return ControlCharacters.MakeVisible(origin.Task.Length > 0 && where.Length > 0 ? $"{where} {origin.Task}" : where + origin.Task);
    }

    public static string Json(LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var bytes = new MemoryStream(line.Text.Length + 200);
        using (var json = new Utf8JsonWriter(bytes))
        {
            json.WriteStartObject();
            json.WriteString("time", line.Time.UtcDateTime.ToString(JsonTime, CultureInfo.InvariantCulture));
            json.WriteString("namespace", line.Origin.Namespace);
            json.WriteString("job", line.Origin.JobId);
            json.WriteString("allocation", line.Origin.AllocationId);
            json.WriteString("task", line.Origin.Task);
            json.WriteString("stream", line.Origin.Stream == LogStream.Stderr ? "stderr" : "stdout");
            json.WriteString("line", line.Text);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }
}
