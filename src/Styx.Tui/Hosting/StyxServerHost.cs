using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using Styx.Tui.Configuration;
using Styx.Tui.Logging;

namespace Styx.Tui.Hosting;

/// <summary>
/// <c>styx-tui serve</c> as a process: Serilog to stderr (and a file), the server, the start-up lines on stdout (host key
/// fingerprint and the exact ssh command), then running until SIGTERM or SIGINT, and a graceful stop (exit 0).
/// </summary>
internal static class StyxServerHost
{
    /// <summary>What every open session is shown when the server stops: it is nearly always a restart or an upgrade.</summary>
    public const string StopNotice = "Styx is restarting; reconnect in a few seconds";

    /// <param name="stderrIsTerminal">Whether a person reads stderr (text log) or a program does (JSON lines).</param>
    /// <param name="cancellationToken">Fires at the first SIGTERM or SIGINT: the graceful stop begins.</param>
    /// <param name="hurry">Fires at a second one: sessions still closing are cut at once.</param>
    public static async Task<int> RunAsync(StyxOptions options, IReadOnlyDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal, CancellationToken cancellationToken, CancellationToken hurry)
    {
        var time = TimeProvider.System;
        Serilog.Core.Logger serilog;
        try
        {
            serilog = StyxLogging.Create(options.Logging, stderr, stderrIsTerminal);
        }
        catch (ConfigurationError ex)
        {
            await stderr.WriteLineAsync("styx-tui: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using var logging = serilog;
        using var loggers = new SerilogLoggerFactory(serilog);

        StyxServer server;
        try
        {
            server = await StyxServer.StartAsync(options, environment, loggers, time, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigurationError ex)
        {
            await stderr.WriteLineAsync("styx-tui: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using (server.ConfigureAwait(false))
        {
            var endpoint = server.Ssh.LocalEndPoint;
            var host = endpoint.Address.Equals(System.Net.IPAddress.Any) ? "HOST" : endpoint.Address.ToString();
            await stdout.WriteLineAsync($"styx-tui {StyxVersion.Current} on {options.ClusterName}{(options.Demo ? " (demo cluster)" : "")}: Nomad at {server.NomadAddress}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"host key {server.HostKey.Fingerprint}{(server.HostKeyCreated ? " (new)" : "")} in {options.HostKeyPath}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"{server.Keys.Keys.Length} authorized key(s) in {options.AuthorizedKeysPath}{(server.Keys.Errors.IsEmpty ? "" : $", {server.Keys.Errors.Length} bad line(s) skipped")}").ConfigureAwait(false);
            if (server.Http is { } http)
            {
                await stdout.WriteLineAsync($"health and metrics on http://{http.LocalEndPoint}/health and /metrics").ConfigureAwait(false);
            }

            if (server.TokenWarning is { } tokenWarning)
            {
                await stdout.WriteLineAsync("WARNING " + tokenWarning).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync($"connect with: ssh -p {endpoint.Port}{(server.DemoIdentity is null ? "" : " -i " + DemoBootstrap.CommandLinePath(server.DemoIdentity, Directory.GetCurrentDirectory()))} {host}").ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            var logger = loggers.CreateLogger("styx");
            var started = time.GetTimestamp();
            logger.LogInformation("Stopping: {Count} session(s) open", server.Sessions.OpenSessions);
            await server.ShutdownAsync(StopNotice, hurry).ConfigureAwait(false);
            logger.LogInformation("Stopped in {Seconds:0.00} s", time.GetElapsedTime(started).TotalSeconds);
        }

        return 0;
    }
}
