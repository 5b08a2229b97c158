using System.Globalization;
using System.Text;

namespace Styx.Cluster.Loki;

/// <summary>
/// Parses what <see cref="LogQuery.ToLogQL"/> writes: <c>{name op "value", …}</c>, then line filters, then an
/// optional <c>| json</c> at the end, with any whitespace between tokens. Strings are double-quoted with the escapes
/// <see cref="LogQLText.Quote"/> writes. Anything else (other pipeline stages, metric queries, raw strings) is
/// refused with an error naming the column, so the builder never silently drops part of a query.
/// </summary>
internal sealed class LogQueryParser
{
    private readonly string _text;
    private int _at;

    private LogQueryParser(string text) => _text = text;

    public static LogQuery? Parse(string text, out string? error)
    {
        var parser = new LogQueryParser(text);
        try
        {
            error = null;
            return parser.Query();
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private LogQuery Query()
    {
        Expect('{', "a stream selector starting with {");
        var selector = new List<LabelMatcher>();
        SkipSpace();
        if (!Peek('}'))
        {
            while (true)
            {
                var name = Name();
                var op = Operator(LabelMatcher.Operators, "a label matcher (=, !=, =~, !~)");
                selector.Add(new LabelMatcher(name, op, String()));
                SkipSpace();
                if (Peek(','))
                {
                    _at++;
                    continue;
                }

                break;
            }
        }

        Expect('}', "} or , after a label matcher");
        var filters = new List<LineFilter>();
        var json = false;
        while (true)
        {
            SkipSpace();
            if (_at >= _text.Length)
            {
                break;
            }

            if (json)
            {
                throw Error("the end of the query after | json (the builder keeps | json last)");
            }

            if (StartsJson())
            {
                json = true;
                continue;
            }

            var op = Operator(LineFilter.Operators, "a line filter (|=, !=, |~, !~) or | json");
            filters.Add(new LineFilter(op, String()));
        }

        return new LogQuery { Selector = selector, Filters = filters, Json = json };
    }

    /// <summary>Consumes <c>|</c>, optional whitespace and <c>json</c> when the text continues with them.</summary>
    private bool StartsJson()
    {
        if (!Peek('|'))
        {
            return false;
        }

        var after = _at + 1;
        while (after < _text.Length && char.IsWhiteSpace(_text[after]))
        {
            after++;
        }

        if (string.CompareOrdinal(_text, after, "json", 0, 4) != 0
            || (after + 4 < _text.Length && (char.IsAsciiLetterOrDigit(_text[after + 4]) || _text[after + 4] == '_')))
        {
            return false;
        }

        _at = after + 4;
        return true;
    }

    private string Name()
    {
        SkipSpace();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        var name = _text[start.._at];
        if (!LogQLText.IsLabelName(name))
        {
            _at = start;
            throw Error("a label name");
        }

        return name;
    }

    private string Operator(IReadOnlyList<string> operators, string what)
    {
        SkipSpace();
        // Longest first, so "=~" is not read as "=".
        foreach (var op in operators.OrderByDescending(o => o.Length))
        {
            if (string.CompareOrdinal(_text, _at, op, 0, op.Length) == 0)
            {
                _at += op.Length;
                return op;
            }
        }

        throw Error(what);
    }

    private string String()
    {
        SkipSpace();
        if (!Peek('"'))
        {
            throw Error("a double-quoted string");
        }

        var start = _at++;
        var value = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escape = _at < _text.Length ? _text[_at++] : '\0';
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'u' when _at + 4 <= _text.Length
                              && int.TryParse(_text.AsSpan(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    _at += 4;
                    break;
                default:
                    _at -= 2;
                    throw Error("an escape the builder writes (\\\" \\\\ \\n \\t \\r \\uXXXX)");
            }
        }

        _at = start;
        throw Error("a closing \" for this string");
    }

    private void Expect(char c, string what)
    {
        SkipSpace();
        if (!Peek(c))
        {
            throw Error(what);
        }

        _at++;
    }

    private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string expected) =>
        new(_at >= _text.Length
            ? $"col {_at + 1}: expected {expected}, found the end of the query"
            : $"col {_at + 1}: expected {expected}, found '{_text[_at]}'");
}
