using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Styx.EndToEnd.Tests.Support;

namespace Styx.Testing;

/// <summary>
/// A real Prometheus (Debian package <c>prometheus</c>, found through PATH) as a process: a free loopback port, a temp
/// config scraping itself (job <c>prometheus</c>) and the given targets every second, a temp TSDB. Started means ready
/// and every target scraped once; stopped by its own PID (SIGTERM, then kill), and its temp directory deleted.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The job of Prometheus scraping its own /metrics.</summary>
    public const string SelfJob = "prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Prometheus's log so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<PrometheusScrapeTarget> targets)
    {
        var binary = RequiredTool.Path("prometheus", "prometheus");
        var directory = Directory.CreateTempSubdirectory("styx-prometheus-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config([new(SelfJob, new Uri($"http://127.0.0.1:{port}/metrics")), .. targets]));
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(directory, "data"),
                $"--web.listen-address=127.0.0.1:{port}",
            },
        };
        var server = new PrometheusServer(Process.Start(start)!, directory, port);
        server._process.OutputDataReceived += (_, e) => server.Log(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            await Eventually.True(async ct => !server._process.HasExited && await server.IsReadyAsync(http, ct), "Prometheus answers /-/ready");
            // Target discovery hands targets to the scrapers in batches every 5 s (discovery manager's update
            // throttle), so the first scrape lands a few seconds after ready.
            var jobs = targets.Select(t => t.Job).Append(SelfJob).ToHashSet(StringComparer.Ordinal);
            await Eventually.True(async ct => !server._process.HasExited && jobs.SetEquals(await ScrapedJobsAsync(http, ct)), "every target scraped once (up has a sample per job)");
        }
        catch (Exception ex)
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"Prometheus did not start ({ex.Message}); its output:\n{output}", ex);
        }

        return server;
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task<bool> IsReadyAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/-/ready", ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// An instant query's series, each with its labels and value, read with plain HTTP and JSON (not the client under
    /// test). Empty while Prometheus has no sample that matches.
    /// </summary>
    public async Task<IReadOnlyList<QueriedSeries>> QueryAsync(string promql, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql), ct));
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(s => new QueriedSeries(
            s.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!, StringComparer.Ordinal),
            double.Parse(s.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The jobs <c>up</c> has a sample for, read without the client under test.</summary>
    private static async Task<HashSet<string>> ScrapedJobsAsync(HttpClient http, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=up", ct));
        return document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(s => s.GetProperty("metric").GetProperty("job").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Prometheus's YAML config; every string is written as a JSON string, which YAML reads the same.</summary>
    private static string Config(IEnumerable<PrometheusScrapeTarget> targets)
    {
        static string Quote(string text) => JsonSerializer.Serialize(text);
        var yaml = new StringBuilder();
        yaml.AppendLine("global:");
        yaml.AppendLine("  scrape_interval: 1s");
        yaml.AppendLine("  scrape_timeout: 1s");
        yaml.AppendLine("scrape_configs:");
        foreach (var target in targets)
        {
            var url = target.Url;
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {Quote(target.Job)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    scheme: {Quote(url.Scheme)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    metrics_path: {Quote(url.AbsolutePath)}");
            var parameters = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .GroupBy(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal)
                .ToList();
            if (parameters.Count > 0)
            {
                yaml.AppendLine("    params:");
                foreach (var parameter in parameters)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"      {Quote(parameter.Key)}: [{string.Join(", ", parameter.Select(Quote))}]");
                }
            }

            yaml.AppendLine("    static_configs:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{Quote(url.Authority)}]");
        }

        return yaml.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM by PID: Prometheus closes its TSDB and logs "See you next time!".
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } }))
            {
                await kill!.WaitForExitAsync();
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the OS cleans its temp folder eventually.
        }
    }
}
