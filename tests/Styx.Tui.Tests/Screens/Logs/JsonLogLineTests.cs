using Styx.Tui.Screens.Logs;

namespace Styx.Tui.Tests.Screens.Logs;

public sealed class JsonLogLineTests
{
    [Fact]
    public void Format_LevelMessageThenTheOtherKeysInOrder()
    {
        var sut = JsonLogLine.Parse("""{"level":"error","ts":"2031-05-17T09:41:50Z","msg":"upstream timed out","upstream":"api:8080","duration_ms":5012,"ok":false}""")!;
        Assert.Equal("ERROR upstream timed out ts=2031-05-17T09:41:50Z upstream=api:8080 duration_ms=5012 ok=false", sut.Format(withoutTime: false));
        Assert.Equal(LogLevelTone.Error, sut.Tone);
    }

    [Fact]
    public void Format_WithoutTime_DropsTheTimeKey()
    {
        var sut = JsonLogLine.Parse("""{"time":"09:41","severity":"WARNING","message":"slow","route":"/cart"}""")!;
        Assert.Equal("WARNING slow route=/cart", sut.Format(withoutTime: true));
        Assert.Equal(LogLevelTone.Warning, sut.Tone);
    }

    [Theory]
    [InlineData("""{"lvl":"debug","msg":"x"}""", "Debug", "DEBUG")]
    [InlineData("""{"level":"info","msg":"x"}""", "Normal", "INFO")]
    [InlineData("""{"level":"fatal","msg":"x"}""", "Error", "FATAL")]
    [InlineData("""{"level":50,"msg":"x"}""", "Error", "ERROR")]
    [InlineData("""{"level":40,"msg":"x"}""", "Warning", "WARN")]
    public void Level_CommonSpellingsAndPinoNumbers(string line, string tone, string level)
    {
        var sut = JsonLogLine.Parse(line)!;
        Assert.Equal(tone, sut.Tone.ToString());
        Assert.Equal(level, sut.Level);
    }

    [Fact]
    public void Values_SpacesQuoted_ObjectsCompact()
    {
        var sut = JsonLogLine.Parse("""{"msg":"m","user":"Ann Lee","empty":"","order":{"id":42,"items":["a"]}}""")!;
        Assert.Equal("""m user="Ann Lee" empty="" order={"id":42,"items":["a"]}""", sut.Format(withoutTime: false));
    }

    [Theory]
    [InlineData("100.64.0.2 - - [17/May] \"GET / HTTP/1.1\" 200")]
    [InlineData("{not json}")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":1")]
    [InlineData("")]
    public void Parse_PlainLines_AreNotJson(string line) => Assert.Null(JsonLogLine.Parse(line));

    [Fact]
    public void PrettyLines_Indented_ControlCharactersStayEscaped()
    {
        var sut = JsonLogLine.Parse("{\"msg\":\"a\\u001b[2Jb\",\"n\":{\"k\":1}}")!;
        var lines = sut.PrettyLines();
        Assert.Equal("{", lines[0]);
        Assert.Contains("  \"n\": {", lines);
        Assert.Contains("    \"k\": 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
    }
}
