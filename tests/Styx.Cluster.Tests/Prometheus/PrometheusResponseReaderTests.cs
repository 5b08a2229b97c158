using System.Text;
using Styx.Cluster.Prometheus;

namespace Styx.Cluster.Tests.Prometheus;

/// <summary>
/// The reader on bodies the captures lack: the special values (bodies as a real Prometheus 2.42 sent them for
/// <c>0/0</c>, <c>1/0</c>, <c>-1/0</c>, <c>vector(0)/0</c>), the annotations newer versions add, and broken answers,
/// which must all be a <see cref="PrometheusException"/>.
/// </summary>
public sealed class PrometheusResponseReaderTests
{
    private static PrometheusResult Read(string body, int status = 200) => PrometheusResponseReader.Query(status, Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1796010313.623,"NaN"]}}""", double.NaN)]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1796010313.628,"+Inf"]}}""", double.PositiveInfinity)]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1796010313.633,"-Inf"]}}""", double.NegativeInfinity)]
    public void Scalar_SpecialValues(string body, double value) => Assert.Equal(value, Read(body).Scalar!.Value);

    [Fact]
    public void Vector_NaNSample()
    {
        var series = Assert.Single(Read("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1796010313.662,"NaN"]}]}}""").Series);
        Assert.True(double.IsNaN(Assert.Single(series.Samples).Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796010313662), series.Samples[0].Time);
    }

    [Fact]
    public void WarningsAndInfos_Kept()
    {
        var result = Read("""{"status":"success","warnings":["remote read partial"],"infos":["PromQL info: metric might not be a counter"],"data":{"resultType":"vector","result":[]}}""");
        Assert.Equal(["remote read partial"], result.Warnings);
        Assert.Equal(["PromQL info: metric might not be a counter"], result.Infos);
    }

    [Fact]
    public void NativeHistogramOnly_SeriesWithoutSamples() =>
        Assert.Empty(Assert.Single(Read("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"h"},"histogram":[1,{"count":"1","sum":"1","buckets":[]}]}]}}""").Series).Samples);

    [Fact]
    public void ErrorEnvelopeWith200_StillAnError()
    {
        var error = Assert.Throws<PrometheusException>(() => Read("""{"status":"error","errorType":"internal","error":"boom"}"""));
        Assert.Equal(("internal", "boom", 200), (error.ErrorType, error.Error, error.StatusCode));
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}""", "not JSON")]
    [InlineData("""[]""", "no \"status\"")]
    [InlineData("""{"status":"success"}""", "\"data\" is missing")]
    [InlineData("""{"status":"success","data":{"resultType":"histogram","result":[]}}""", "unknown resultType \"histogram\"")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["1","1"]}]}}""", "a sample is not [<seconds>, \"<value>\"]")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"one"]}]}}""", "a sample value \"one\" is not a number")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}}""", "label a is not a string")]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1e300,"1"]}}""", "Styx expects")]
    public void BrokenAnswer_PrometheusExceptionSayingWhat(string body, string reason)
    {
        var error = Assert.Throws<PrometheusException>(() => Read(body));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(error.Unreachable);
    }

    [Fact]
    public void ProxyPage_QuotedAndCut()
    {
        var page = "<html>" + new string('x', 1000) + "</html>";
        var error = Assert.Throws<PrometheusException>(() => Read(page, 502));
        Assert.StartsWith("Prometheus answered 502 without Prometheus's error JSON: <html>xxx", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("…", error.Message, StringComparison.Ordinal);
        Assert.Equal(502, error.StatusCode);
    }
}
