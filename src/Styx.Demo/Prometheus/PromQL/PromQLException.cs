namespace Styx.Demo.Prometheus.PromQL;

/// <summary>
/// A request Prometheus refuses, with its API error type and status (cluster-apis.md §3): <c>bad_data</c> 400,
/// <c>execution</c> 422. The message is Prometheus's text.
/// </summary>
internal sealed class PromQLException(string errorType, int status, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int Status { get; } = status;

    public static PromQLException BadData(string message) => new("bad_data", 400, message);

    public static PromQLException Execution(string message) => new("execution", 422, message);

    /// <summary>A parse error as Prometheus prints it: <c>line:column: parse error: text</c>, column counted from 1.</summary>
    public static PromQLException Parse(string query, int position, string text)
    {
        var line = 1;
        var lastBreak = -1;
        for (var i = 0; i < Math.Min(position, query.Length); i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lastBreak = i;
            }
        }

        return BadData($"invalid parameter \"query\": {line}:{position - lastBreak}: parse error: {text}");
    }
}
