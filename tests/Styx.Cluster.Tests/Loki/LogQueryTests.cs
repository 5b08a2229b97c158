using Styx.Cluster.Loki;

namespace Styx.Cluster.Tests.Loki;

/// <summary>The builder's query round-trips with LogQL text, and text it cannot hold is refused with a clear error.</summary>
public sealed class LogQueryTests
{
    public static TheoryData<LogQuery, string> Queries => new()
    {
        { new LogQuery { Selector = [new("job", "=", "web")] }, "{job=\"web\"}" },
        {
            new LogQuery { Selector = [new("job", "=", "web"), new("task", "=~", "api.*"), new("stream", "!=", "stderr"), new("host", "!~", "mac-(mini|studio)-\\d+")] },
            "{job=\"web\", task=~\"api.*\", stream!=\"stderr\", host!~\"mac-(mini|studio)-\\\\d+\"}"
        },
        {
            new LogQuery { Selector = [new("job", "=", "web")], Filters = [new("|=", "say \"hi\""), new("!=", "C:\\temp"), new("|~", "(?i)time(d)? out"), new("!~", "^\\s*$")], Json = true },
            "{job=\"web\"} |= \"say \\\"hi\\\"\" != \"C:\\\\temp\" |~ \"(?i)time(d)? out\" !~ \"^\\\\s*$\" | json"
        },
        { new LogQuery { Selector = [new("job", "=", "a\nb\tc\rd\u001be")] }, "{job=\"a\\nb\\tc\\rd\\u001be\"}" },
        { new LogQuery(), "{}" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void ToLogQL_ThenTryParse_RoundTrips(LogQuery query, string text)
    {
        Assert.Equal(text, query.ToLogQL());
        Assert.True(LogQuery.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(query, parsed);
        Assert.Equal(text, parsed!.ToLogQL());
    }

    [Fact]
    public void TryParse_WhitespaceVariations_SameQuery()
    {
        Assert.True(LogQuery.TryParse("  {  job = \"web\" ,task=~\"a|b\"  }|=\"x\"   |   json  ", out var parsed, out var error), error);
        Assert.Equal(new LogQuery { Selector = [new("job", "=", "web"), new("task", "=~", "a|b")], Filters = [new("|=", "x")], Json = true }, parsed);
        Assert.Equal("{job=\"web\", task=~\"a|b\"} |= \"x\" | json", parsed!.ToLogQL());
    }

    [Theory]
    [InlineData("", "col 1: expected a stream selector starting with {, found the end of the query")]
    [InlineData("{job=\"web\"", "col 11: expected } or , after a label matcher, found the end of the query")]
    [InlineData("{job==\"web\"}", "col 6: expected a double-quoted string, found '='")]
    [InlineData("{1job=\"web\"}", "col 2: expected a label name, found '1'")]
    [InlineData("{job=`web`}", "col 6: expected a double-quoted string, found '`'")]
    [InlineData("{job=\"web\"} | logfmt", "col 13: expected a line filter (|=, !=, |~, !~) or | json, found '|'")]
    [InlineData("{job=\"web\"} | json |= \"x\"", "col 20: expected the end of the query after | json (the builder keeps | json last), found '|'")]
    [InlineData("count_over_time({job=\"web\"}[5m])", "col 1: expected a stream selector starting with {, found 'c'")]
    [InlineData("{job=\"w\\qeb\"}", "col 8: expected an escape the builder writes (\\\" \\\\ \\n \\t \\r \\uXXXX), found '\\'")]
    [InlineData("{job=\"web}", "col 6: expected a closing \" for this string, found '\"'")]
    public void TryParse_WhatTheBuilderCannotHold_FalseWithError(string text, string expected)
    {
        Assert.False(LogQuery.TryParse(text, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Matcher_BadNameOrOperator_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabelMatcher("bad-name", "=", "x"));
        Assert.Throws<ArgumentException>(() => new LabelMatcher("job", "==", "x"));
        Assert.Throws<ArgumentException>(() => new LineFilter("|", "x"));
    }
}
