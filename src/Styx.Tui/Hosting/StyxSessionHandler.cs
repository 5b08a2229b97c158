using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Logs;
using Styx.Cluster.Metrics;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Cluster.Text;
using Styx.Ssh.Connection;
using Styx.Tui.Commands;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Screens;
using Styx.Tui.Shell;

namespace Styx.Tui.Hosting;

/// <summary>
/// What each SSH session gets: an <c>exec</c> runs a one-shot command; a <c>shell</c> with a pty gets the full-screen
/// app, and one without a pty (or with <c>TERM=dumb</c>) gets the session banner and the command help. Sessions opening and closing are audited with who,
/// from where and for how long. When the server stops gracefully (<see cref="SshSession.Stopping"/>) each session ends
/// with <see cref="StopNotice"/>: a full-screen app leaves the screen first, then the notice is printed on the terminal;
/// an exec command is interrupted (exit status 1) and the notice goes to its stderr.
/// </summary>
internal sealed class StyxSessionHandler(
    ClusterState state,
    ClusterCommands commands,
    PlatformCatalog catalog,
    IAuditLog audit,
    string clusterName,
    bool demo,
    TimeProvider time,
    LogReader logs,
    MetricWatches metrics,
    MetricCatalog metricCatalog,
    ILogger<StyxSessionHandler> logger,
    IReadOnlyDictionary<string, Func<Screen>>? extraScreens = null) : ISshSessionHandler
{
    /// <summary>The audit actions of a session's start and end (their target is the kind, shell or exec); telemetry counts them.</summary>
    public const string SessionOpenAction = "session.open";
    public const string SessionCloseAction = "session.close";

    private string _stopNotice = "The server is stopping.";
    private int _open;

    /// <summary>Sessions whose <c>session.close</c> record is not written yet.</summary>
    public int OpenSessions => Volatile.Read(ref _open);

    /// <summary>The one line every open session is shown when the server stops (set before the stop begins).</summary>
    public string StopNotice
    {
        get => Volatile.Read(ref _stopNotice);
        set => Volatile.Write(ref _stopNotice, value);
    }

    public async Task<int> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        if (session.Identity.Principal is not Caller caller)
        {
            throw new InvalidOperationException("a session without a Caller: the authenticator must attach one");
        }

        var opened = time.GetTimestamp();
        var kind = session.Command is null ? "shell" : "exec";
        Audit(caller, SessionOpenAction, kind, AuditOutcome.Succeeded, null, ImmutableDictionary<string, string>.Empty.Add("client", ControlCharacters.MakeVisible(session.ClientVersion)));
        Interlocked.Increment(ref _open);
        var status = ExitStatus.ClusterError;
        try
        {
            status = session.Command is { } command
                ? await ExecAsync(session, caller, command, cancellationToken).ConfigureAwait(false)
                : await ShellAsync(session, caller, cancellationToken).ConfigureAwait(false);
            if (session.Stopping.IsCancellationRequested && !session.Closed.IsCancellationRequested)
            {
                await TellStoppingAsync(session, cancellationToken).ConfigureAwait(false);
            }

            return status;
        }
        finally
        {
            var seconds = time.GetElapsedTime(opened).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            var arguments = ImmutableDictionary<string, string>.Empty.Add("durationSeconds", seconds).Add("exitStatus", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Audit(caller, SessionCloseAction, kind, AuditOutcome.Succeeded, null, session.Stopping.IsCancellationRequested ? arguments.Add("endedBy", "server stop") : arguments);
            Interlocked.Decrement(ref _open);
        }
    }

    /// <summary>The stop notice on its own line: on the terminal of a shell (the app has already left the screen), on stderr for a command.</summary>
    private Task TellStoppingAsync(SshSession session, CancellationToken cancellationToken)
    {
        var line = Encode(session, StopNotice + "\n");
        return session.Command is null ? session.WriteAsync(line, cancellationToken) : session.WriteErrorAsync(line, cancellationToken);
    }

    private async Task<int> ExecAsync(SshSession session, Caller caller, string command, CancellationToken cancellationToken)
    {
        logger.LogInformation("{User} ({Role}) runs {Command}", caller.User, caller.Role.ToName(), command);
        using var output = new SessionOutputWriter(session, isError: false);
        using var error = new SessionOutputWriter(session, isError: true);
        var runner = new ExecCommandRunner(Context(caller), output, error, terminal: session.Pty is not null);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Stopping);
        int status;
        try
        {
            status = await runner.RunAsync(command, run.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Interrupted by the server's stop (logs --follow always is): it did not finish, so it did not succeed.
            // What it printed so far still goes out below.
            status = ExitStatus.ClusterError;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await error.FlushAsync(cancellationToken).ConfigureAwait(false);
        return status;
    }

    private async Task<int> ShellAsync(SshSession session, Caller caller, CancellationToken cancellationToken)
    {
        var profile = TerminalProfile.From(session.Pty?.Term, session.Environment);
        if (session.Pty is not null && profile.CanShowFullScreen)
        {
            return await new FullScreenSession(session, Context(caller), profile, logger).RunAsync(cancellationToken).ConfigureAwait(false);
        }

        var text = new StringBuilder()
            .AppendLine(SessionBanner.For(caller, clusterName, demo))
            .AppendLine("This terminal cannot show the full-screen app (no pty, or TERM=dumb). One-shot commands work:")
            .AppendLine("  ssh -p PORT HOST jobs")
            .AppendLine()
            .Append(ExecCommandRunner.Help);
        await session.WriteAsync(Encode(session, text.ToString()), cancellationToken).ConfigureAwait(false);
        return ExitStatus.Ok;
    }

    private SessionContext Context(Caller caller) => new(state, commands, catalog, caller, clusterName, demo, time, logs, metrics, metricCatalog, extraScreens, state.DefaultNamespace);

    /// <summary>With a pty the client's terminal needs CR LF; without one, output stays byte-exact for pipes.</summary>
    private static byte[] Encode(SshSession session, string text) =>
        Encoding.UTF8.GetBytes(session.Pty is null ? text : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    private void Audit(Caller caller, string action, string target, AuditOutcome outcome, string? error, ImmutableDictionary<string, string> arguments) =>
        audit.Write(new AuditRecord(time.GetUtcNow(), caller.User, caller.KeyFingerprint, caller.Role.ToName(), caller.SourceAddress?.ToString(), action, target, arguments, outcome, error));
}
