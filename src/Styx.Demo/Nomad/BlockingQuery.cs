using System.Globalization;
using Microsoft.AspNetCore.Http;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// Nomad's blocking-query parameters (cluster-apis.md §1.1): <c>index</c> and <c>wait</c> (default 5 m, capped at
/// 10 m, plus up to wait/16 of jitter), with Nomad's 400 texts for bad values.
/// </summary>
internal readonly record struct BlockingQuery(ulong Index, TimeSpan Wait)
{
    private static readonly TimeSpan s_defaultWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_maxWait = TimeSpan.FromMinutes(10);

    public static BlockingQuery From(IQueryCollection query)
    {
        ulong index = 0;
        if (query.TryGetValue("index", out var indexText) && !ulong.TryParse(indexText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw DemoApiException.BadRequest("Invalid index");
        }

        var wait = s_defaultWait;
        if (query.TryGetValue("wait", out var waitText) && !GoDuration.TryParse(waitText.ToString(), out wait))
        {
            throw DemoApiException.BadRequest("Invalid wait time");
        }

        return new BlockingQuery(index, wait > s_maxWait ? s_maxWait : wait);
    }

    /// <summary>Waits, if asked to, until the table moves past the index or the wait (with jitter) runs out.</summary>
    public async Task WaitAsync(DemoCluster cluster, DemoTable table, CancellationToken cancellationToken)
    {
        if (Index == 0)
        {
            return;
        }

        var jitter = TimeSpan.FromTicks((long)(Wait.Ticks / 16 * cluster.Read(() => cluster.Random.NextDouble())));
        await cluster.WaitForChangeAsync(() => cluster.TableIndex(table), Index, Wait + jitter, cancellationToken).ConfigureAwait(false);
    }
}
