using Styx.Ssh.Transport;

namespace Styx.Ssh.Tests.Transport;

/// <summary>
/// Peer text on its way into logs (issue 10 item 4): control characters become visible escapes, so a user name or
/// version string cannot start a new log line, move the cursor or recolour an operator's terminal.
/// </summary>
public sealed class SanitizeTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("evil\n[00:00:00 INF] forged", @"evil\x0a[00:00:00 INF] forged")]
    [InlineData("a\r\nb", @"a\x0d\x0ab")]
    [InlineData("\u001b[2J\u001b]0;title\u0007", @"\x1b[2J\x1b]0;title\x07")]
    [InlineData("nul\0tab\tdel\u007f", @"nul\x00tab\x09del\x7f")]
    [InlineData("c1 csi \u009b31m", @"c1 csi \x9b31m")]
    [InlineData("line\u2028separator", @"line\u2028separator")]
    [InlineData("bidi \u202egnp.exe", @"bidi \u202egnp.exe")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("José 日本 😀", "José 日本 😀")]
    public void Sanitize_PeerText_ControlsEscapedPrintableKept(string text, string expected) =>
        Assert.Equal(expected, SshTransport.Sanitize(text));

    [Fact]
    public void Sanitize_LoneSurrogate_Escaped() =>
        Assert.Equal(@"a\ud800b", SshTransport.Sanitize("a\ud800b"));

    [Fact]
    public void Sanitize_LongText_CutAt200WithEllipsis() =>
        Assert.Equal(new string('x', 200) + "…", SshTransport.Sanitize(new string('x', 5000)));
}
