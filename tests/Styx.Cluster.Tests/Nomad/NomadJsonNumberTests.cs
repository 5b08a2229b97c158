using System.Text.Json;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// Numbers Nomad cannot send (found while checking the fuzz harness's Nomad JSON target, issue 10 item 14): Go's
/// encoding/json refuses to write NaN or ±Inf, but a number too large for a double read as infinity, which
/// System.Text.Json then refuses to write back (<c>--json</c> output); they are a <see cref="JsonException"/> at read.
/// </summary>
public sealed class NomadJsonNumberTests
{
    [Theory]
    [InlineData("""{"CPUTicksConsumed": 1e400}""")]
    [InlineData("""{"CPUTicksConsumed": -1e400}""")]
    [InlineData("""{"CPUTicksConsumed": "1e400"}""")]
    [InlineData("""{"CPUTicksConsumed": "NaN"}""")]
    [InlineData("""{"CPUTicksConsumed": "Infinity"}""")]
    [InlineData("""{"CPU": [{"User": 1e999}]}""")]
    public void Read_NumberOutsideDouble_IsAJsonExceptionNamingIt(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HostStats>(json, NomadJson.Options));

        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"CPUTicksConsumed": 2.5e3}""", 2500)]
    [InlineData("""{"CPUTicksConsumed": "12.25"}""", 12.25)]
    [InlineData("""{"CPUTicksConsumed": -0.5}""", -0.5)]
    [InlineData("""{"CPUTicksConsumed": 1.7976931348623157e308}""", double.MaxValue)]
    public void Read_FiniteNumbers_ReadAndWriteBack(string json, double expected)
    {
        var stats = JsonSerializer.Deserialize<HostStats>(json, NomadJson.Options)!;

        Assert.Equal(expected, stats.CPUTicksConsumed);
        var again = JsonSerializer.Deserialize<HostStats>(JsonSerializer.Serialize(stats, NomadJson.Options), NomadJson.Options)!;
        Assert.Equal(expected, again.CPUTicksConsumed);
    }
}
