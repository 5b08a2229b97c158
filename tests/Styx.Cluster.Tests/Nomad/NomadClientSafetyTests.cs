using System.Net;
using System.Net.Sockets;
using System.Text;
using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// Issue 10 item 9, the two "not yet confirmed" client checks, confirmed and closed: a job ID of <c>.</c> or
/// <c>..</c> never reaches another API path through <see cref="Uri"/>'s dot-segment removal, and the Nomad token
/// never follows a redirect to another address.
/// </summary>
public sealed class NomadClientSafetyTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly DemoCluster _demo = fixture.Demo;

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task DotSegmentJobId_RefusedBeforeAnyRequest(string jobId)
    {
        _demo.Server.Requests.Clear();
        var api = _demo.Admin.Api;

        // Without the check, /v1/job/../allocations became /v1/allocations: every allocation of the cluster.
        var allocations = await Assert.ThrowsAsync<NomadBadRequestException>(() => api.GetJobAllocationsAsync(jobId, null, null, null, Ct));
        Assert.Contains("cannot be addressed through Nomad's HTTP API", allocations.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NomadBadRequestException>(() => api.GetJobAsync(jobId, null, null, Ct));
        await Assert.ThrowsAsync<NomadBadRequestException>(() => api.DeregisterJobAsync(jobId, true, Ct));
        Assert.Equal(0, _demo.Server.Requests.Count);

        // Dots inside an ID are ordinary characters and still go through.
        await Assert.ThrowsAsync<NomadNotFoundException>(() => api.GetJobAsync("web..v2", null, null, Ct));
    }

    [Fact]
    public async Task Redirect_TokenNotSentToItsTarget_ErrorNamesIt()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetPort = ((IPEndPoint)target.LocalEndpoint).Port;
        using var redirector = new TcpListener(IPAddress.Loopback, 0);
        redirector.Start();
        var redirectorPort = ((IPEndPoint)redirector.LocalEndpoint).Port;
        var answered = AnswerOnceAsync(redirector, $"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{targetPort}/v1/jobs\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", Ct);

        using var client = new NomadClient(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{redirectorPort}"), Token = "secret-token-value" });
        var error = await Assert.ThrowsAsync<NomadServerException>(() => client.Api.GetJobsAsync(null, null, null, Ct));
        Assert.Contains($"redirected to http://127.0.0.1:{targetPort}/v1/jobs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", error.Message, StringComparison.Ordinal);

        var request = await answered;
        Assert.Contains("X-Nomad-Token: secret-token-value", request, StringComparison.OrdinalIgnoreCase);
        Assert.False(target.Pending(), "the redirect's target was contacted");
    }

    /// <summary>Reads one request's head from the next connection, answers <paramref name="response"/> and returns the head.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response, CancellationToken cancellationToken)
    {
        using var socket = await listener.AcceptSocketAsync(cancellationToken);
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        socket.Shutdown(SocketShutdown.Both);
        return head.ToString();
    }
}
