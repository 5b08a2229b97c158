using System.Text.RegularExpressions;
using Styx.Cluster.Access;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>The same screen written at each colour depth: only the SGR parameters that depth allows reach the client.</summary>
public sealed partial class ColorDepthOutputTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    [GeneratedRegex(@"\u001b\[([0-9;]*)m")]
    private static partial Regex Sgr();

    /// <summary>Every parameter list of every SGR in the output, split into its numbers.</summary>
    private static List<int[]> SgrParameters(string output) =>
        [.. Sgr().Matches(output).Select(m => m.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray())];

    private async Task<List<int[]>> JobsScreenAsync(ColorDepth depth)
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin, depth: depth);
        await shell.OpenJobsAsync();
        shell.Type("j");
        await shell.WaitForAsync(_ => shell.Written.Contains("dragonfly", StringComparison.Ordinal), "the jobs rows written");
        return SgrParameters(shell.Written);
    }

    [Fact]
    public async Task TrueColor_24BitSgr()
    {
        var sgrs = await JobsScreenAsync(ColorDepth.TrueColor);
        Assert.Contains(sgrs, p => p.AsSpan().IndexOf([38, 2]) >= 0);
        Assert.DoesNotContain(sgrs, p => p.AsSpan().IndexOf([38, 5]) >= 0);
    }

    [Fact]
    public async Task Color256_PaletteIndexes_No24Bit()
    {
        var sgrs = await JobsScreenAsync(ColorDepth.Color256);
        Assert.Contains(sgrs, p => p.AsSpan().IndexOf([38, 5]) >= 0);
        Assert.DoesNotContain(sgrs, p => p.AsSpan().IndexOf([38, 2]) >= 0 || p.AsSpan().IndexOf([48, 2]) >= 0);
    }

    [Fact]
    public async Task Color16_OnlyTheSixteenAnsiColours()
    {
        var sgrs = await JobsScreenAsync(ColorDepth.Color16);
        Assert.NotEmpty(sgrs);
        Assert.DoesNotContain(sgrs, p => p.Contains(38) || p.Contains(48));
        Assert.Contains(sgrs, p => p.Any(n => n is >= 30 and <= 37 or >= 90 and <= 97));
    }

    [Fact]
    public async Task Mono_NoColourAtAll_SelectionStillVisibleInReverse()
    {
        var sgrs = await JobsScreenAsync(ColorDepth.Mono);
        Assert.NotEmpty(sgrs);
        // Styles only: reset, bold, faint, italic, underline, blink, reverse; no colour parameter of any kind.
        Assert.All(sgrs, p => Assert.All(p, n => Assert.InRange(n, 0, 9)));
        Assert.Contains(sgrs, p => p.Contains(7));
    }

    [Theory]
    [InlineData("xterm-256color", "", nameof(ColorDepth.Color256))]
    [InlineData("xterm-direct", "", nameof(ColorDepth.TrueColor))]
    [InlineData("xterm-256color", "truecolor", nameof(ColorDepth.TrueColor))]
    [InlineData("xterm", "", nameof(ColorDepth.Color16))]
    [InlineData("linux", "", nameof(ColorDepth.Color16))]
    [InlineData("vt100", "", nameof(ColorDepth.Mono))]
    public void Profile_FromTerm(string term, string colorTerm, string expected)
    {
        var environment = colorTerm.Length > 0 ? new Dictionary<string, string> { ["COLORTERM"] = colorTerm } : [];
        var profile = TerminalProfile.From(term, environment);
        Assert.Equal(Enum.Parse<ColorDepth>(expected), profile.Depth);
        Assert.True(profile.CanShowFullScreen);
    }

    [Fact]
    public void Profile_NoColorSentByTheClient_Mono()
    {
        Assert.Equal(ColorDepth.Mono, TerminalProfile.From("xterm-direct", new Dictionary<string, string> { ["NO_COLOR"] = "1" }).Depth);
        Assert.Equal(ColorDepth.TrueColor, TerminalProfile.From("xterm-direct", new Dictionary<string, string> { ["NO_COLOR"] = "" }).Depth);
    }

    [Theory]
    [InlineData("dumb")]
    [InlineData("")]
    [InlineData(null)]
    public void Profile_DumbOrNoTerm_NoFullScreen(string? term) => Assert.False(TerminalProfile.From(term, new Dictionary<string, string>()).CanShowFullScreen);
}
