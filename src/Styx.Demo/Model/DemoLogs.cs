using System.Globalization;
using System.Text;

namespace Styx.Demo.Model;

/// <summary>
/// What a task writes: one stdout line per simulated second since the task first started (and one stderr line every
/// 20 s), in the style of the job (access log, JSON log, worker progress, Postgres). Line n is a pure function of the
/// allocation, task and n, so offsets are stable across requests, as a real log file's are.
/// </summary>
internal static class DemoLogs
{
    private static readonly string[] s_paths = ["/", "/login", "/api/orders", "/api/orders/42", "/static/app.js", "/health", "/api/cart"];

    /// <summary>The whole log up to <paramref name="now"/> as bytes (the demo's logs are small enough to rebuild).</summary>
    public static byte[] Content(DemoAllocation allocation, string task, bool stderr, DateTimeOffset? started, DateTimeOffset until)
    {
        if (started is null)
        {
            return [];
        }

        var seconds = (int)Math.Max(0, Math.Min((until - started.Value).TotalSeconds, 24 * 3600));
        var builder = new StringBuilder();
        for (var n = 0; n <= seconds; n++)
        {
            if (stderr && n % 20 != 0)
            {
                continue;
            }

            builder.Append(Line(allocation, task, stderr, n, started.Value.AddSeconds(n))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string Line(DemoAllocation allocation, string task, bool stderr, int n, DateTimeOffset at)
    {
        var hash = (uint)DemoStats.StableHash(allocation.Id + task + n.ToString(CultureInfo.InvariantCulture));
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (stderr)
        {
            return n == 0
                ? $"{time} WARN {task}: starting with {allocation.TaskResources.GetValueOrDefault(task).MemoryMB} MB memory limit"
                : $"{time} WARN {task}: slow operation took {200 + hash % 1800} ms";
        }

        var path = s_paths[hash % (uint)s_paths.Length];
        var status = hash % 97 == 0 ? 500 : hash % 13 == 0 ? 404 : 200;
        return allocation.JobId switch
        {
            "web" or "traefik" => $"100.64.0.{hash % 40 + 2} - - [{time}] \"GET {path} HTTP/1.1\" {status} {hash % 20000} \"-\" \"Mozilla/5.0\"",
            "api" => $"{{\"level\":\"{(status == 500 ? "error" : "info")}\",\"ts\":\"{time}\",\"msg\":\"request handled\",\"route\":\"{path}\",\"status\":{status},\"duration_ms\":{hash % 250}}}",
            "worker" => $"{time} INFO worker: processed job {n + 1000} from queue orders in {hash % 900 + 20} ms",
            "postgres" => $"{time} UTC [{hash % 900 + 100}] LOG:  {(n % 300 == 0 ? "checkpoint starting: time" : "duration: " + (hash % 50) + ".123 ms  statement: SELECT 1")}",
            _ => $"{time} level=info component={task} msg=\"tick {n}\"",
        };
    }
}
