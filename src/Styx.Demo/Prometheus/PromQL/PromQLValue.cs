namespace Styx.Demo.Prometheus.PromQL;

/// <summary>What a PromQL expression evaluates to at one time: Prometheus's four value types.</summary>
internal abstract record PromQLValue
{
    /// <summary>The type's name in Prometheus's texts and in <c>resultType</c>.</summary>
    public abstract string TypeName { get; }
}

internal sealed record ScalarValue(double Value) : PromQLValue
{
    public override string TypeName => "scalar";
}

internal sealed record StringValue(string Value) : PromQLValue
{
    public override string TypeName => "string";
}

/// <summary>An instant vector: one sample per series.</summary>
internal sealed record VectorValue(IReadOnlyList<VectorSample> Samples) : PromQLValue
{
    public override string TypeName => "vector";
}

internal sealed record VectorSample(PromLabels Labels, double Value);

/// <summary>A range vector: the samples of each series in the range, oldest first, timestamps in Unix milliseconds.</summary>
internal sealed record MatrixValue(IReadOnlyList<MatrixSeries> Series) : PromQLValue
{
    public override string TypeName => "matrix";
}

internal sealed record MatrixSeries(PromLabels Labels, IReadOnlyList<(long Time, double Value)> Points);
