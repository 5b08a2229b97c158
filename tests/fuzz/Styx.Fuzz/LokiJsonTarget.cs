using System.Text;
using Styx.Cluster.Loki;

namespace Styx.Fuzz;

/// <summary>
/// Loki's answers as the client reads them (<see cref="LokiResponseReader"/>: query results, label lists, series, tail
/// messages) and LogQL text as the Logs screen's query line reads it (<see cref="LogQuery.TryParse"/>). A body Loki
/// could not have sent must be a <see cref="LokiException"/> and a text that is not LogQL a false with an error;
/// anything else is a crash. The first byte picks what is read.
/// </summary>
internal static class LokiJsonTarget
{
    private static readonly Action<byte[]>[] s_readers =
    [
        body => LokiResponseReader.Query(body),
        body => LokiResponseReader.Strings(body),
        body => LokiResponseReader.Series(body),
        body => LokiResponseReader.TailMessage(body),
        body =>
        {
            // What parses must write back as text that parses to the same query.
            if (LogQuery.TryParse(Encoding.UTF8.GetString(body), out var query, out _) && (!LogQuery.TryParse(query!.ToLogQL(), out var again, out _) || again != query))
            {
                throw new InvalidOperationException("a parsed query did not round-trip: " + query.ToLogQL());
            }
        },
    ];

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        try
        {
            s_readers[data[0] % s_readers.Length](data[1..]);
        }
        catch (LokiException)
        {
        }
    }

    /// <summary>Real answers (the strict samples of tests/Styx.Cluster.Tests/TestData/loki, and shapes from the docs) and queries.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds(string samples)
    {
        yield return ("streams", [0, .. """{"status":"success","data":{"resultType":"streams","result":[{"stream":{"job":"web","alloc_id":"5a8c"},"values":[["1569266497240578000","foo"],["1569266492548155000","bar"]]}],"stats":{}}}"""u8.ToArray()]);
        yield return ("matrix", [0, .. """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"level":"info"},"values":[[1588889221,"137.95"],[1588889222,"NaN"]]}]}}"""u8.ToArray()]);
        yield return ("vector", [0, .. """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1588889221,"1267.19"]}]}}"""u8.ToArray()]);
        yield return ("labels", [1, .. File.ReadAllBytes(Path.Combine(samples, "labels.example.json"))]);
        yield return ("label-values", [1, .. File.ReadAllBytes(Path.Combine(samples, "label-values.example.json"))]);
        yield return ("series", [2, .. File.ReadAllBytes(Path.Combine(samples, "series.example.json"))]);
        yield return ("tail", [3, .. """{"streams":[{"stream":{"job":"web"},"values":[["1569266497240578000","GET /"]]}],"dropped_entries":[{"labels":{"job":"web"},"timestamp":"1569266497240578000"}]}"""u8.ToArray()]);
        yield return ("logql", [4, .. """{namespace="default", job=~"web|api", stream!="stderr"} |= "error" !~ "health\\d" | json"""u8.ToArray()]);
    }
}
