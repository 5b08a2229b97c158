using System.Text;
using Styx.Cluster.Logs;
using Xunit;

namespace Styx.Cluster.Tests.Logs;

public sealed class LineSplitterTests
{
    private static List<string> Split(params byte[][] chunks)
    {
        var splitter = new LineSplitter();
        var lines = new List<string>();
        foreach (var chunk in chunks)
        {
            splitter.Feed(chunk, lines.Add);
        }

        splitter.Flush(lines.Add);
        return lines;
    }

    [Fact]
    public void LinesSplitAcrossFrames_AreJoined()
    {
        Assert.Equal(["first line", "second", "third"], Split("first "u8.ToArray(), "line\nsec"u8.ToArray(), "ond\nthird"u8.ToArray()));
    }

    [Fact]
    public void AUtf8CharacterSplitBetweenFrames_IsDecodedWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("Grüße 日本\n");
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(["Grüße 日本"], Split(bytes[..cut], bytes[cut..]));
        }
    }

    [Fact]
    public void CrLfEndsALine_ABareCrStaysInTheText()
    {
        Assert.Equal(["windows", "over\rwrite", ""], Split("windows\r\nover\rwrite\n\n"u8.ToArray()));
    }

    [Fact]
    public void ALineLongerThanTheCap_IsCutNotHeldForever()
    {
        var line = new string('x', LineSplitter.MaxLineChars + 10);
        var lines = Split(Encoding.ASCII.GetBytes(line + "\n"));
        Assert.Equal([LineSplitter.MaxLineChars, 10], lines.Select(l => l.Length));
    }

    [Fact]
    public void InvalidUtf8_BecomesReplacementCharacters()
    {
        Assert.Equal(["a\uFFFDb"], Split([(byte)'a', 0xFF, (byte)'b', (byte)'\n']));
    }
}
