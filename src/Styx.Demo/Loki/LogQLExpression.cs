namespace Styx.Demo.Loki;

/// <summary>A parsed query of the LogQL subset Styx sends (see <see cref="LogQLParser"/>).</summary>
internal abstract record LogQLExpression;

/// <summary><c>count_over_time(q[range])</c> or <c>rate(q[range])</c>: a number per stream and evaluation time.</summary>
internal sealed record LogQLRangeAggregation(string Function, LogQLLogQuery Query, TimeSpan Range) : LogQLExpression;

/// <summary><c>sum [by (labels)] (inner)</c>: the inner series summed per value of <see cref="By"/> (all together when empty).</summary>
internal sealed record LogQLVectorAggregation(IReadOnlyList<string> By, LogQLExpression Inner) : LogQLExpression;
