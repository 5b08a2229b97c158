using System.Collections.Immutable;
using System.Text;
using Renci.SshNet;
using Styx.Cluster.State;
using Styx.Tui.Screens;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Twenty full-screen sessions at once through SSH.NET shell streams: each sees only its own screen; a client killed
/// mid-frame and a screen that throws each end only their own session.
/// </summary>
public sealed class ConcurrentSessionsTests : IAsyncLifetime
{
    private StyxTestServer _server = null!;

    public async Task InitializeAsync() => _server = await StyxTestServer.StartAsync(
        new Dictionary<string, Func<Screen>> { ["boom"] = () => new ThrowingScreen() });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwentySessions_OwnScreens_OneKilledAndOneFailingEndAlone()
    {
        var sessions = new List<Session>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 20), async (i, _) =>
            {
                var session = Session.Open(_server, i % 3 == 0 ? "viewer" : "admin");
                lock (sessions)
                {
                    sessions.Add(session);
                }

                await session.WaitForAsync("Overview");
            });

            // Each types its own filter in one packet; the prompt line carries it back whole.
            foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
            {
                session.Shell.Write($"/q{i:00}x");
                session.Shell.Flush();
            }

            foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
            {
                await session.WaitForAsync($"/q{i:00}x");
            }

            foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
            {
                var others = Enumerable.Range(0, 20).Where(j => j != i).Select(j => $"/q{j:00}x");
                Assert.DoesNotContain(others, other => session.Text.Contains(other, StringComparison.Ordinal));
            }

            // One client vanishes without a goodbye, another opens a screen that throws.
            sessions[5].Client.Dispose();
            sessions[7].Shell.Write("\r:boom\r");
            await sessions[7].WaitForAsync("internal error in this session");

            // The others still answer: each leaves its filter and opens the nodes screen.
            foreach (var session in sessions.Where((_, i) => i is not 5 and not 7))
            {
                session.Shell.Write("\r:nodes\r");
            }

            foreach (var session in sessions.Where((_, i) => i is not 5 and not 7))
            {
                await session.WaitForAsync("Nodes (3)");
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>
    /// Quitting gives the client's terminal back every time: the restore sequence (main screen, cursor shown) is the
    /// last thing each session sends. Twenty quit at once: the restore was once queued after the session had stopped
    /// sending, and a client was left in the alternate screen now and then.
    /// </summary>
    [Fact]
    public async Task TwentySessionsQuit_EachEndsWithTheTerminalRestored()
    {
        var sessions = new List<Session>();
        try
        {
            // Three keys: one key may hold at most 16 connections.
            await Parallel.ForEachAsync(Enumerable.Range(0, 20), async (i, _) =>
            {
                var session = Session.Open(_server, (i % 3) switch { 0 => "viewer", 1 => "operator", _ => "admin" });
                lock (sessions)
                {
                    sessions.Add(session);
                }

                await session.WaitForAsync("Overview");
            });

            foreach (var session in sessions)
            {
                session.Shell.Write("q");
                session.Shell.Flush();
            }

            foreach (var session in sessions)
            {
                await Styx.Testing.Eventually.True(() => session.Text.EndsWith("\u001b[?1049l\u001b[?25h", StringComparison.Ordinal), "the session ended with the terminal restored", TimeSpan.FromSeconds(20));
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    private sealed class ThrowingScreen : Screen
    {
        public override string Title(ScreenData data) => "boom";

        public override TargetKinds Targets => TargetKinds.None;

        public override ImmutableArray<Column> Columns { get; } = [new("X")];

        public override IReadOnlyList<ScreenRow> Rows(ScreenData data) => throw new InvalidOperationException("a screen failed on purpose");
    }

    private sealed class Session : IDisposable
    {
        private readonly StringBuilder _text = new();

        private Session(SshClient client, ShellStream shell)
        {
            Client = client;
            Shell = shell;
            shell.DataReceived += (_, e) =>
            {
                lock (_text)
                {
                    _text.Append(Encoding.UTF8.GetString(e.Data));
                }
            };
        }

        public SshClient Client { get; }

        public ShellStream Shell { get; }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public static Session Open(StyxTestServer server, string role)
        {
            var key = new PrivateKeyFile(server.KeyFiles[role]);
            var client = new SshClient(new ConnectionInfo("127.0.0.1", server.Server.Ssh.LocalEndPoint.Port, "tester", new PrivateKeyAuthenticationMethod("tester", key)));
            client.Connect();
            return new Session(client, client.CreateShellStream("xterm-256color", 100, 30, 0, 0, 64 * 1024));
        }

        public async Task WaitForAsync(string text)
        {
            for (var i = 0; i < 300; i++)
            {
                if (Text.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"no '{text}' in the session's output; it has {Text.Length} characters");
        }

        public void Dispose()
        {
            Shell.Dispose();
            Client.Dispose();
        }
    }
}
