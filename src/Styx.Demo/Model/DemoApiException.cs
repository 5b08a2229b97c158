namespace Styx.Demo.Model;

/// <summary>
/// A request Nomad would refuse: the HTTP status and the bare text/plain body Nomad sends (cluster-apis.md §1.2).
/// </summary>
internal sealed class DemoApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static DemoApiException BadRequest(string message) => new(400, message);

    public static DemoApiException NotFound(string message) => new(404, message);
}
