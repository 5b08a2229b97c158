using System.Globalization;

namespace Styx.Tui.Benchmarks;

/// <summary>Measured values of one kind and their percentiles (nearest rank).</summary>
internal sealed class Samples(string unit)
{
    private readonly List<double> _values = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double value)
    {
        lock (_gate)
        {
            _values.Add(value);
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            var sorted = _values.Order().ToList();
            return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(0.5):0.0} {unit}, p90 {Percentile(0.9):0.0} {unit}, p99 {Percentile(0.99):0.0} {unit}, max {Percentile(1):0.0} {unit} ({Count} samples)");
}
