using Styx.EndToEnd.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// The Metrics screen as an operator uses it: <c>styx-tui --demo</c> (whose own Prometheus API the sessions query) as a
/// process, OpenSSH in tmux, keys sent, the screen read back; at 256 colours, at <c>TERM=xterm</c> (16) and with NO_COLOR.
/// </summary>
public sealed class MetricsScreenTests : IAsyncLifetime
{
    private StyxProcess _styx = null!;
    private UserKey _viewer = null!;

    public async Task InitializeAsync()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        _viewer = await UserKey.CreateAsync(keys, "oncall");
        _styx = await StyxProcess.StartAsync(["--demo"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), _viewer.AuthorizedLine("viewer") + "\n"));
    }

    public async Task DisposeAsync() => await _styx.DisposeAsync();

    private static bool HasBraille(string screen) => screen.Any(c => c is > '\u2800' and <= '\u28FF');

    [Theory]
    [InlineData("xterm-256color", false)]
    [InlineData("xterm", false)]
    [InlineData("xterm", true)]
    public async Task NodeGraph_RangeKey_PromQL_Sparklines(string term, bool noColor)
    {
        var ssh = $"{RequiredTool.Path("ssh", "openssh-client")} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i {_viewer.PrivateKeyPath} -p {_styx.Port}"
                  + (noColor ? " -o SetEnv=NO_COLOR=1" : "") + " -t oncall@127.0.0.1";
        await using var tmux = await Tmux.StartAsync(ssh, 120, 40, new Dictionary<string, string> { ["TERM"] = term });
        await tmux.WaitForTextAsync("3/3 ready");
        await tmux.TypeAsync(":nodes");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("Styx ▸ Nodes");
        var nodes = await tmux.WaitForAsync(s => System.Text.RegularExpressions.Regex.IsMatch(s, "[▁▂▃▄▅▆▇█]+ [0-9.]+%"), "CPU sparklines in Nodes", TimeSpan.FromSeconds(30));
        Assert.Contains("CPU USE", nodes, StringComparison.Ordinal);

        await tmux.TypeAsync("m");
        var graph = await tmux.WaitForAsync(s => s.Contains("Styx ▸ Metrics node", StringComparison.Ordinal) && HasBraille(s), "a node graph with data", TimeSpan.FromSeconds(30));
        Assert.Contains("⣿ ", graph, StringComparison.Ordinal);
        Assert.Contains("last 1h", graph, StringComparison.Ordinal);

        await tmux.TypeAsync("3");
        await tmux.WaitForTextAsync("last 6h");

        await tmux.TypeAsync(":metrics up");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForAsync(s => s.Contains("Styx ▸ Metrics up", StringComparison.Ordinal) && HasBraille(s), "up graphed", TimeSpan.FromSeconds(30));

        // Two series in two shapes: Braille and block quadrants, which read without colour.
        await tmux.TypeAsync(":metrics sum by (host) (nomad_client_host_memory_used)");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForAsync(s => s.Contains("▚ ", StringComparison.Ordinal) && HasBraille(s) && s.Any(c => "▘▝▀▖▌▞▛▗▚▐▜▄▙▟".Contains(c)),
            "two series told apart by shape", TimeSpan.FromSeconds(30));
    }
}
