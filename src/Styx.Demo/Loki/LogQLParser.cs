using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// Parses the LogQL subset Styx sends: stream selectors <c>{a="x", b=~"re", c!="y", d!~"re"}</c>, line filters
/// <c>|=</c> <c>!=</c> <c>|~</c> <c>!~</c>, <c>| json</c>, and the metric forms <c>count_over_time(q[d])</c>,
/// <c>rate(q[d])</c> and <c>sum [by (l, …)] (…)</c>. Errors carry Loki's texts (cluster-apis.md §2 Errors):
/// <c>parse error at line 1, col N: syntax error: unexpected X, expecting Y</c>, naming tokens as Loki's yacc parser
/// does (<c>IDENTIFIER</c>, <c>STRING</c>, <c>$end</c>).
/// </summary>
internal sealed class LogQLParser
{
    /// <summary>Loki's text when a selector could match every stream (source <c>pkg/logql/syntax</c>).</summary>
    public const string EmptyCompatibleError =
        "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will";

    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromSeconds(1);
    private readonly string _text;
    private int _position;
    private Token _token;

    private LogQLParser(string text)
    {
        _text = text;
        _token = Next();
    }

    private enum Kind { Punct, Identifier, String, Duration, End }

    private readonly record struct Token(Kind Kind, string Text, int Column)
    {
        public string Display => Kind switch
        {
            Kind.Identifier => "IDENTIFIER",
            Kind.String => "STRING",
            Kind.Duration => "RANGE",
            Kind.End => "$end",
            _ => Text,
        };
    }

    /// <summary>Parses <paramref name="text"/>; a bad query throws a 400 <see cref="DemoApiException"/> with Loki's text.</summary>
    public static LogQLExpression Parse(string text)
    {
        var parser = new LogQLParser(text);
        var expression = parser.Expression();
        if (parser._token.Kind != Kind.End)
        {
            throw parser.Unexpected("");
        }

        foreach (var query in LogQueries(expression))
        {
            if (!query.Matchers.Any(m => m.Op is "=" or "=~" && !m.Matches("")))
            {
                throw DemoApiException.BadRequest(EmptyCompatibleError);
            }
        }

        return expression;
    }

    private static IEnumerable<LogQLLogQuery> LogQueries(LogQLExpression expression) => expression switch
    {
        LogQLLogQuery query => [query],
        LogQLRangeAggregation range => [range.Query],
        LogQLVectorAggregation vector => LogQueries(vector.Inner),
        _ => [],
    };

    private LogQLExpression Expression()
    {
        if (Is("{"))
        {
            return LogQuery();
        }

        if (_token.Kind == Kind.Identifier && _token.Text is "count_over_time" or "rate")
        {
            var function = Take().Text;
            Expect("(");
            var query = LogQuery();
            if (_token.Kind != Kind.Duration)
            {
                throw Unexpected("expecting RANGE");
            }

            var rangeToken = Take();
            var range = ParseRange(rangeToken);
            Expect(")");
            return new LogQLRangeAggregation(function, query, range);
        }

        if (_token.Kind == Kind.Identifier && _token.Text == "sum")
        {
            Take();
            var by = Is("by") ? Grouping() : [];
            Expect("(");
            var inner = Expression();
            if (inner is LogQLLogQuery)
            {
                throw DemoApiException.BadRequest("parse error : syntax error: unexpected log query, expecting a metric query");
            }

            Expect(")");
            if (by.Count == 0 && Is("by"))
            {
                by = Grouping();
            }

            return new LogQLVectorAggregation(by, inner);
        }

        if (_token.Kind == Kind.Identifier)
        {
            throw new DemoApiException(400, $"parse error at line 1, col {_token.Column}: not implemented in Styx.Demo's LogQL subset: {_token.Text}");
        }

        throw Unexpected("");
    }

    private List<string> Grouping()
    {
        Take();
        Expect("(");
        var labels = new List<string>();
        while (_token.Kind == Kind.Identifier)
        {
            labels.Add(Take().Text);
            if (!Is(","))
            {
                break;
            }

            Take();
        }

        Expect(")");
        return labels;
    }

    private LogQLLogQuery LogQuery()
    {
        Expect("{");
        var matchers = new List<LogQLMatcher>();
        while (true)
        {
            if (_token.Kind != Kind.Identifier)
            {
                throw Unexpected("expecting IDENTIFIER");
            }

            var name = Take().Text;
            if (_token.Kind != Kind.Punct || _token.Text is not ("=" or "!=" or "=~" or "!~"))
            {
                throw Unexpected("expecting != or !~ or =~ or =");
            }

            var op = Take().Text;
            if (_token.Kind != Kind.String)
            {
                throw Unexpected("expecting STRING");
            }

            var value = Take();
            matchers.Add(new LogQLMatcher(name, op, value.Text, op is "=~" or "!~" ? Compile("^(?:" + value.Text + ")$", value.Column) : null));
            if (Is("}"))
            {
                Take();
                break;
            }

            if (!Is(","))
            {
                throw Unexpected("expecting } or ,");
            }

            Take();
        }

        var stages = new List<LogQLStage>();
        while (_token.Kind == Kind.Punct)
        {
            if (_token.Text is "|=" or "!=" or "|~" or "!~")
            {
                var op = Take().Text;
                if (_token.Kind != Kind.String)
                {
                    throw Unexpected("expecting STRING");
                }

                var text = Take();
                stages.Add(new LogQLLineFilter(op, text.Text, op is "|~" or "!~" ? Compile(text.Text, text.Column) : null));
            }
            else if (_token.Text == "|")
            {
                Take();
                if (_token.Kind != Kind.Identifier)
                {
                    throw Unexpected("expecting IDENTIFIER");
                }

                var stage = Take();
                if (stage.Text != "json")
                {
                    throw new DemoApiException(400, $"parse error at line 1, col {stage.Column}: not implemented in Styx.Demo's LogQL subset: | {stage.Text}");
                }

                stages.Add(new LogQLJsonStage());
            }
            else
            {
                break;
            }
        }

        return new LogQLLogQuery(matchers, stages);
    }

    private static Regex Compile(string pattern, int column)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw DemoApiException.BadRequest($"parse error at line 1, col {column}: error parsing regexp: {ex.Message}");
        }
    }

    private static TimeSpan ParseRange(Token token)
    {
        if (LokiParameters.TryParseDuration(token.Text, out var range) && range > TimeSpan.Zero)
        {
            return range;
        }

        throw DemoApiException.BadRequest($"parse error at line 1, col {token.Column}: syntax error: unexpected RANGE, invalid duration {token.Text}");
    }

    private bool Is(string text) => _token.Kind is Kind.Punct or Kind.Identifier && _token.Text == text;

    private Token Take()
    {
        var taken = _token;
        _token = Next();
        return taken;
    }

    private void Expect(string text)
    {
        if (!Is(text))
        {
            throw Unexpected("expecting " + text);
        }

        Take();
    }

    private DemoApiException Unexpected(string expecting) =>
        DemoApiException.BadRequest($"parse error at line 1, col {_token.Column}: syntax error: unexpected {_token.Display}{(expecting.Length > 0 ? ", " + expecting : "")}");

    private Token Next()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        var column = _position + 1;
        if (_position >= _text.Length)
        {
            return new Token(Kind.End, "", column);
        }

        var c = _text[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            return new Token(Kind.Identifier, _text[start.._position], column);
        }

        if (c is '"' or '`')
        {
            return new Token(Kind.String, ReadString(c, column), column);
        }

        if (c == '[')
        {
            var close = _text.IndexOf(']', _position);
            if (close < 0)
            {
                throw DemoApiException.BadRequest($"parse error at line 1, col {column}: syntax error: unexpected $end, expecting ]");
            }

            var range = _text[(_position + 1)..close].Trim();
            _position = close + 1;
            return new Token(Kind.Duration, range, column);
        }

        if (_position + 1 < _text.Length && _text.Substring(_position, 2) is "!=" or "=~" or "!~" or "|=" or "|~")
        {
            _position += 2;
            return new Token(Kind.Punct, _text.Substring(_position - 2, 2), column);
        }

        _position++;
        return new Token(Kind.Punct, c.ToString(), column);
    }

    /// <summary>Go string literals: <c>"…"</c> with Go's escapes, or raw <c>`…`</c>.</summary>
    private string ReadString(char quote, int column)
    {
        _position++;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c != '\\' || quote == '`')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'v': value.Append('\v'); break;
                case '\\': value.Append('\\'); break;
                case '"': value.Append('"'); break;
                case 'x' or 'u' or 'U':
                    var digits = escape switch { 'x' => 2, 'u' => 4, _ => 8 };
                    if (_position + digits > _text.Length
                        || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw DemoApiException.BadRequest($"parse error at line 1, col {column}: invalid syntax");
                    }

                    value.Append(char.ConvertFromUtf32(code));
                    _position += digits;
                    break;
                default:
                    throw DemoApiException.BadRequest($"parse error at line 1, col {column}: invalid syntax");
            }
        }

        throw DemoApiException.BadRequest($"parse error at line 1, col {column}: literal not terminated");
    }
}
