using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Styx.Cluster.Tests.Support;

/// <summary>
/// A scrape target whose exposition text (Prometheus text format 0.0.4) the test sets: series appear, change and
/// disappear when the test says, which Prometheus's own /metrics cannot offer. Serves <c>GET /metrics</c> on loopback.
/// </summary>
public sealed class ExpositionServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private volatile string _text = "";

    public ExpositionServer()
    {
        // HttpListener cannot bind port 0; a port just freed by a listener is the usual loopback test idiom.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public Uri MetricsUrl => new($"http://127.0.0.1:{Port}/metrics");

    /// <summary>What the next scrape reads: one <c>name{labels} value</c> per line.</summary>
    public string Text
    {
        get => _text;
        set => _text = value;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var body = Encoding.UTF8.GetBytes(_text);
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            response.ContentLength64 = body.Length;
            try
            {
                await response.OutputStream.WriteAsync(body);
            }
            catch (HttpListenerException)
            {
                // The scraper gave up on this request (its timeout); the next scrape asks again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
