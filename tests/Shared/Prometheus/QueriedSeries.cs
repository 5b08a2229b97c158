namespace Styx.Testing;

/// <summary>One series of an instant query's answer: its labels (<c>__name__</c>, <c>job</c>, <c>instance</c> included) and its value.</summary>
public sealed record QueriedSeries(IReadOnlyDictionary<string, string> Labels, double Value);
