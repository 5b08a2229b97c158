using System.Text.Json;
using Styx.Cluster.Logs;
using Styx.Cluster.Text;
using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class LogLineTextTests
{
    private static readonly LogOrigin s_origin = new("default", "web", "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809", "web.web[0]", "web", LogStream.Stderr, "mac-mini-1");
    private static readonly DateTimeOffset s_time = new(2026, 11, 30, 2, 49, 13, 123, TimeSpan.FromHours(1));

    /// <summary>Every C0 control, DEL and every C1 control, around some text.</summary>
    private static readonly string s_controls = "a" + new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c)]) + "\u007f" + new string([.. Enumerable.Range(0x80, 0x20).Select(c => (char)c)]) + "z";

    [Fact]
    public void Text_TimeOriginAndLine_ControlsVisible()
    {
        var text = LogLineText.Text(new LogLine(s_origin, s_time, "GET /\u001b[2J\r"), withOrigin: true, withTime: true);

        Assert.Equal("2026-11-30T01:49:13.123Z 1a2b3c4d web GET /␛[2J␍", text);
    }

    [Fact]
    public void Text_SingleStream_TheLineAlone()
    {
        Assert.Equal("plain", LogLineText.Text(new LogLine(s_origin, s_time, "plain"), withOrigin: false, withTime: false));
    }

    [Fact]
    public void Json_EveryControlCharacter_EscapedAndRoundTrips()
    {
        var json = LogLineText.Json(new LogLine(s_origin, s_time, s_controls));

        Assert.DoesNotContain(json, ControlCharacters.IsControl);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(s_controls, root.GetProperty("line").GetString());
        Assert.Equal("2026-11-30T01:49:13.1230000Z", root.GetProperty("time").GetString());
        Assert.Equal(("stderr", s_origin.AllocationId), (root.GetProperty("stream").GetString(), root.GetProperty("allocation").GetString()));
    }
}
