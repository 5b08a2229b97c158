using System.Text;

namespace Styx.Demo.Tests;

/// <summary>
/// Issue 10 item 11: the fault knobs damage read answers on the wire exactly as they say, only where they are aimed,
/// and never streams or writes; clearing the knob gives the real answer back.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private DemoServer _demo = null!;
    private HttpClient _http = null!;
    private byte[] _realJobs = [];

    public async Task InitializeAsync()
    {
        _demo = await DemoServer.StartAsync(new DemoOptions());
        _http = new HttpClient { BaseAddress = _demo.NomadAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Nomad-Token", _demo.Acl.Admin.SecretId);
        _realJobs = await _http.GetByteArrayAsync("/v1/jobs");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
    }

    [Fact]
    public async Task CutShortBody_CompleteAnswerWithHalfTheJson()
    {
        _demo.Fault = DemoFault.CutShortBody;
        using var response = await _http.GetAsync("/v1/jobs");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(_realJobs.Length / 2, body.Length);
        Assert.Equal(_realJobs.AsSpan(0, body.Length).ToArray(), body);
    }

    [Fact]
    public async Task NonJsonBody_HtmlPage()
    {
        _demo.Fault = DemoFault.NonJsonBody;
        using var response = await _http.GetAsync("/v1/jobs");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongFieldTypes_NumbersBecomeWords()
    {
        _demo.Fault = DemoFault.WrongFieldTypes;
        var text = await _http.GetStringAsync("/v1/jobs");
        Assert.Contains("\"CreateIndex\":\"many\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CreateIndex\":1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropBeforeBody_NoAnswer()
    {
        _demo.Fault = DemoFault.DropBeforeBody;
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync("/v1/jobs"));
    }

    [Fact]
    public async Task DropMidBody_HeadersThenTheConnectionDrops()
    {
        _demo.Fault = DemoFault.DropMidBody;
        using var response = await _http.GetAsync("/v1/jobs", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(_realJobs.Length, response.Content.Headers.ContentLength);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => response.Content.ReadAsByteArrayAsync());
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public async Task StallBody_HalfTheBodyThenNothingUntilTheClientGivesUp()
    {
        _demo.Fault = DemoFault.StallBody;
        using var response = await _http.GetAsync("/v1/jobs", HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[_realJobs.Length];
        var read = 0;
        while (read < _realJobs.Length / 2)
        {
            read += await stream.ReadAsync(buffer.AsMemory(read));
        }

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.ReadExactlyAsync(buffer.AsMemory(read), giveUp.Token));
    }

    [Fact]
    public async Task PathPrefix_OnlyThosePaths_StreamsWritesAndClearedKnobUntouched()
    {
        _demo.Fault = DemoFault.NonJsonBody;
        _demo.FaultPathPrefix = "/v1/job/";
        Assert.Equal(_realJobs.Length, (await _http.GetByteArrayAsync("/v1/jobs")).Length);
        Assert.StartsWith("<html>", await _http.GetStringAsync("/v1/job/web"), StringComparison.Ordinal);

        _demo.FaultPathPrefix = null;
        using var scale = await _http.PostAsync("/v1/job/web/scale", new StringContent("{\"Count\":2,\"Target\":{\"Group\":\"web\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)scale.StatusCode);
        Assert.StartsWith("{", await scale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _demo.Fault = DemoFault.None;
        Assert.StartsWith("{", await _http.GetStringAsync("/v1/job/web"), StringComparison.Ordinal);
    }
}
