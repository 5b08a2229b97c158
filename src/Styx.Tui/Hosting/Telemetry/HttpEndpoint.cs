using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Styx.Tui.Hosting.Telemetry;

/// <summary>
/// Styx's own small HTTP port (<c>http:listen</c>), on Kestrel: <c>GET /health</c> for Nomad's service check and
/// <c>GET /metrics</c> for Prometheus. Nothing else is served; every other path is 404.
/// </summary>
internal sealed class HttpEndpoint : IAsyncDisposable
{
    /// <summary>Prometheus's text exposition format (the one <see cref="StyxMetrics.ExportAsync"/> writes).</summary>
    private const string ExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly WebApplication _app;

    private HttpEndpoint(WebApplication app, IPEndPoint localEndPoint)
    {
        _app = app;
        LocalEndPoint = localEndPoint;
    }

    /// <summary>The address actually bound (port 0 picks a free one).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <param name="health">Asked on every <c>/health</c> request.</param>
    /// <exception cref="IOException">The address cannot be bound (in use, not this host's).</exception>
    public static async Task<HttpEndpoint> StartAsync(IPEndPoint listen, Func<ServerHealth> health, StyxMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        // The empty builder reads no appsettings.json, environment or command line: only what Styx sets here counts.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen);
            kestrel.AddServerHeader = false;
            // A health checker and a Prometheus or two need a handful; a flood must not take the SSH server's sockets.
            kestrel.Limits.MaxConcurrentConnections = 64;
        });
        builder.Services.AddRoutingCore();
        // Into Styx's log, warnings and worse only: a scrape and a health check every few seconds are not news.
        builder.Logging.ClearProviders().AddProvider(new StyxLogProvider(loggers)).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        var app = builder.Build();
        app.MapGet("/health", context => AnswerHealthAsync(context, health()));
        app.MapGet("/metrics", context => AnswerMetricsAsync(context, metrics));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpEndpoint(app, new IPEndPoint(listen.Address, new Uri(address).Port));
    }

    private static async Task AnswerHealthAsync(HttpContext context, ServerHealth health)
    {
        context.Response.StatusCode = health.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(health.Text + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task AnswerMetricsAsync(HttpContext context, StyxMetrics metrics)
    {
        // Collected into memory first (a few kilobytes): the exposition is then sent with asynchronous writes only,
        // as Kestrel requires, and a scrape that fails half way sends a 500 instead of half a page.
        using var page = new MemoryStream();
        await metrics.ExportAsync(page, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = ExpositionContentType;
        context.Response.ContentLength = page.Length;
        page.Position = 0;
        await page.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Hands the endpoint's log lines to the server's own logger factory (Serilog), under the endpoint's filter.</summary>
    private sealed class StyxLogProvider(ILoggerFactory loggers) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);

        public void Dispose()
        {
            // The factory belongs to the server.
        }
    }

    /// <summary>
    /// The generic host's default lifetime would register its own SIGTERM and Ctrl+C handlers for the whole process
    /// and stop this endpoint on them; the process's signals belong to <see cref="StyxServerHost"/>, which stops the
    /// endpoint with the rest of the server.
    /// </summary>
    private sealed class SignalFreeLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
