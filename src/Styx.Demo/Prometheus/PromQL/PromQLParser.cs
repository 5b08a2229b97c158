using System.Globalization;
using System.Text;

namespace Styx.Demo.Prometheus.PromQL;

/// <summary>
/// Parses the PromQL subset Styx.Demo evaluates (selectors with the four matchers, <c>[range]</c>, <c>rate</c>,
/// <c>irate</c>, <c>increase</c>, <c>histogram_quantile</c>, <c>scalar</c>, <c>vector</c>, <c>sum/avg/min/max/count</c>
/// with <c>by</c>/<c>without</c>, <c>+ - * /</c>, numbers and strings), with Prometheus's error texts and positions
/// where this subset meets them. Valid PromQL outside the subset is refused with a text naming Styx.Demo, so nobody
/// takes the demo for Prometheus.
/// </summary>
internal sealed class PromQLParser
{
    /// <summary>Prometheus 2.42's functions (<c>parser/functions.go</c>): known to Prometheus, so not "unknown function".</summary>
    private static readonly HashSet<string> s_prometheusFunctions = new(StringComparer.Ordinal)
    {
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes",
        "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "days_in_month", "day_of_month", "day_of_week",
        "day_of_year", "deg", "delta", "deriv", "exp", "floor", "histogram_count", "histogram_sum", "histogram_fraction",
        "histogram_quantile", "holt_winters", "hour", "idelta", "increase", "irate", "label_replace", "label_join",
        "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear",
        "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort",
        "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp",
        "vector", "year",
    };

    private static readonly HashSet<string> s_functions = new(StringComparer.Ordinal) { "rate", "irate", "increase", "histogram_quantile", "scalar", "vector" };

    private static readonly HashSet<string> s_prometheusAggregations = new(StringComparer.Ordinal)
    {
        "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile",
    };

    private static readonly HashSet<string> s_aggregations = new(StringComparer.Ordinal) { "sum", "avg", "count", "min", "max" };

    private readonly string _query;
    private readonly List<Token> _tokens;
    private int _next;

    private PromQLParser(string query)
    {
        _query = query;
        _tokens = Lex(query);
    }

    public static PromQLExpression Parse(string query)
    {
        var parser = new PromQLParser(query);
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw PromQLException.Parse(query, 0, "no expression found in input");
        }

        var expression = parser.ParseBinary(0);
        var rest = parser.Peek;
        if (rest.Kind != TokenKind.End)
        {
            throw parser.Unexpected(rest);
        }

        return expression;
    }

    private enum TokenKind
    {
        Number,
        String,
        Identifier,
        Operator,
        End,
        Error,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position);

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    /// <summary>Binary operators by precedence: + - below * / (Prometheus's grammar); the rest exist but are not evaluated here.</summary>
    private PromQLExpression ParseBinary(int minimum)
    {
        var left = ParseUnary();
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Identifier && token.Text is "and" or "or" or "unless" or "atan2"
                || token.Kind == TokenKind.Operator && token.Text is "%" or "^" or "==" or "!=" or ">" or "<" or ">=" or "<=")
            {
                throw NotImplemented(token, $"the binary operator \"{token.Text}\"");
            }

            var precedence = token.Kind == TokenKind.Operator ? token.Text switch { "+" or "-" => 1, "*" or "/" => 2, _ => 0 } : 0;
            if (precedence == 0 || precedence < minimum)
            {
                return left;
            }

            Take();
            if (Peek.Kind == TokenKind.Identifier && Peek.Text is "on" or "ignoring" or "group_left" or "group_right" or "bool")
            {
                throw NotImplemented(Peek, $"vector matching with \"{Peek.Text}\"");
            }

            var right = ParseBinary(precedence + 1);
            if (TypeOf(left) is not ("scalar" or "instant vector") || TypeOf(right) is not ("scalar" or "instant vector"))
            {
                throw PromQLException.Parse(_query, token.Position, "binary expression must contain only scalar and instant vector types");
            }

            left = new BinaryOperation(token.Text[0], left, right);
        }
    }

    private PromQLExpression ParseUnary()
    {
        if (Peek is { Kind: TokenKind.Operator, Text: "-" or "+" } sign)
        {
            Take();
            var inner = ParseUnary();
            return sign.Text == "+" ? inner : inner is NumberLiteral n ? new NumberLiteral(-n.Value) : new Negation(inner);
        }

        var primary = ParsePrimary();
        if (Peek is { Kind: TokenKind.Operator, Text: "[" } open)
        {
            if (primary is not VectorSelector { Range: null } selector)
            {
                throw PromQLException.Parse(_query, open.Position, "ranges only allowed for vector selectors");
            }

            primary = selector with { Range = ParseRange() };
        }

        if (Peek is { Kind: TokenKind.Identifier, Text: "offset" } or { Kind: TokenKind.Operator, Text: "@" })
        {
            throw NotImplemented(Peek, $"the \"{Peek.Text}\" modifier");
        }

        return primary;
    }

    private PromQLExpression ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Error:
                throw PromQLException.Parse(_query, token.Position, token.Text);
            case TokenKind.Number:
                return new NumberLiteral(ParseNumber(token));
            case TokenKind.String:
                return new StringLiteral(token.Text);
            case TokenKind.Operator when token.Text == "(":
                {
                    var inner = ParseBinary(0);
                    Expect(")");
                    return inner;
                }

            case TokenKind.Operator when token.Text == "{":
                return Selector(null, token);
            case TokenKind.Identifier:
                if (Peek is { Kind: TokenKind.Operator, Text: "(" } && !s_prometheusAggregations.Contains(token.Text))
                {
                    return ParseCall(token);
                }

                if (s_prometheusAggregations.Contains(token.Text))
                {
                    return ParseAggregation(token);
                }

                if (token.Text is "by" or "without" or "on" or "ignoring" or "group_left" or "group_right" or "offset" or "bool" or "and" or "or" or "unless")
                {
                    throw Unexpected(token);
                }

                return Peek is { Kind: TokenKind.Operator, Text: "{" } brace ? Selector(token.Text, Take(brace)) : Selector(token.Text, null);
            default:
                throw Unexpected(token);
        }
    }

    private Token Take(Token expected)
    {
        _next++;
        return expected;
    }

    private PromQLExpression ParseCall(Token name)
    {
        if (!s_prometheusFunctions.Contains(name.Text))
        {
            throw PromQLException.Parse(_query, name.Position, $"unknown function with name \"{name.Text}\"");
        }

        if (!s_functions.Contains(name.Text))
        {
            throw NotImplemented(name, $"the function \"{name.Text}\"");
        }

        Expect("(");
        var arguments = new List<PromQLExpression>();
        if (Peek is not { Kind: TokenKind.Operator, Text: ")" })
        {
            arguments.Add(ParseBinary(0));
            while (Peek is { Kind: TokenKind.Operator, Text: "," })
            {
                Take();
                arguments.Add(ParseBinary(0));
            }
        }

        Expect(")");
        var wanted = name.Text == "histogram_quantile" ? 2 : 1;
        if (arguments.Count != wanted)
        {
            throw PromQLException.Parse(_query, name.Position, $"expected {wanted} argument(s) in call to \"{name.Text}\", got {arguments.Count}");
        }

        string[] types = name.Text switch
        {
            "rate" or "irate" or "increase" => ["range vector"],
            "histogram_quantile" => ["scalar", "instant vector"],
            "scalar" => ["instant vector"],
            _ => ["scalar"],
        };
        for (var i = 0; i < wanted; i++)
        {
            if (TypeOf(arguments[i]) != types[i])
            {
                throw PromQLException.Parse(_query, name.Position, $"expected type {types[i]} in call to function \"{name.Text}\", got {TypeOf(arguments[i])}");
            }
        }

        return new Call(name.Text, arguments);
    }

    /// <summary>An expression's type as Prometheus's type checker names it.</summary>
    public static string TypeOf(PromQLExpression expression) => expression switch
    {
        NumberLiteral => "scalar",
        StringLiteral => "string",
        VectorSelector { Range: not null } => "range vector",
        Call { Function: "scalar" } => "scalar",
        Negation n => TypeOf(n.Expression),
        BinaryOperation b => TypeOf(b.Left) == "scalar" && TypeOf(b.Right) == "scalar" ? "scalar" : "instant vector",
        _ => "instant vector",
    };

    private PromQLExpression ParseAggregation(Token name)
    {
        if (!s_aggregations.Contains(name.Text))
        {
            throw NotImplemented(name, $"the aggregation \"{name.Text}\"");
        }

        var (grouping, without) = ParseGrouping();
        Expect("(");
        var inner = ParseBinary(0);
        if (Peek is { Kind: TokenKind.Operator, Text: "," } comma)
        {
            throw NotImplemented(comma, $"a parameter to \"{name.Text}\"");
        }

        Expect(")");
        if (TypeOf(inner) != "instant vector")
        {
            throw PromQLException.Parse(_query, name.Position, $"expected type instant vector in aggregation expression, got {TypeOf(inner)}");
        }

        if (grouping is null)
        {
            (grouping, without) = ParseGrouping();
        }

        return new Aggregation(name.Text, grouping ?? [], without, inner);
    }

    private (List<string>? Grouping, bool Without) ParseGrouping()
    {
        if (Peek is not { Kind: TokenKind.Identifier, Text: "by" or "without" } keyword)
        {
            return (null, false);
        }

        Take();
        Expect("(");
        var labels = new List<string>();
        while (Peek is not { Kind: TokenKind.Operator, Text: ")" })
        {
            var label = Take();
            if (label.Kind != TokenKind.Identifier)
            {
                throw label.Kind == TokenKind.End
                    ? PromQLException.Parse(_query, label.Position, "unexpected end of input inside braces")
                    : PromQLException.Parse(_query, label.Position, $"unexpected {Describe(label)} in grouping opts, expected label");
            }

            labels.Add(label.Text);
            if (Peek is { Kind: TokenKind.Operator, Text: "," })
            {
                Take();
            }
        }

        Expect(")");
        return (labels, keyword.Text == "without");
    }

    private VectorSelector Selector(string? name, Token? brace)
    {
        var matchers = new List<LabelMatcher>();
        if (name is not null)
        {
            matchers.Add(new LabelMatcher(PromLabels.MetricName, "=", name));
        }

        if (brace is not null)
        {
            while (Peek is not { Kind: TokenKind.Operator, Text: "}" })
            {
                var label = Take();
                if (label.Kind == TokenKind.End)
                {
                    throw PromQLException.Parse(_query, label.Position, "unexpected end of input inside braces");
                }

                if (label.Kind == TokenKind.Error)
                {
                    throw PromQLException.Parse(_query, label.Position, label.Text);
                }

                if (label.Kind != TokenKind.Identifier)
                {
                    throw PromQLException.Parse(_query, label.Position, $"unexpected {Describe(label)} in label matching, expected identifier or \"}}\"");
                }

                var op = Take();
                if (op is not { Kind: TokenKind.Operator, Text: "=" or "!=" or "=~" or "!~" })
                {
                    throw PromQLException.Parse(_query, op.Position, op.Kind == TokenKind.End
                        ? "unexpected end of input inside braces"
                        : $"unexpected {Describe(op)} in label matching, expected label matching operator");
                }

                var value = Take();
                if (value.Kind != TokenKind.String)
                {
                    throw PromQLException.Parse(_query, value.Position, value.Kind == TokenKind.End
                        ? "unexpected end of input inside braces"
                        : $"unexpected {Describe(value)} in label matching, expected string");
                }

                try
                {
                    matchers.Add(new LabelMatcher(label.Text, op.Text, value.Text));
                }
                catch (ArgumentException ex)
                {
                    throw PromQLException.Parse(_query, label.Position, "error parsing regexp: " + ex.Message);
                }

                if (Peek is { Kind: TokenKind.Operator, Text: "," })
                {
                    Take();
                }
                else if (Peek is not { Kind: TokenKind.Operator, Text: "}" })
                {
                    var bad = Peek;
                    throw PromQLException.Parse(_query, bad.Position, bad.Kind == TokenKind.End
                        ? "unexpected end of input inside braces"
                        : $"unexpected {Describe(bad)} in label matching, expected \",\" or \"}}\"");
                }
            }

            Take();
        }

        // Prometheus refuses selectors that would match every series (parser.go checkAST).
        if (!matchers.Any(m => !m.Matches("")))
        {
            throw PromQLException.Parse(_query, brace?.Position ?? 0, "vector selector must contain at least one non-empty matcher");
        }

        return new VectorSelector(matchers);
    }

    /// <summary><c>[5m]</c>; a subquery (<c>[5m:1m]</c>) is valid PromQL but outside the subset.</summary>
    private TimeSpan ParseRange()
    {
        var open = Take();
        var text = new StringBuilder();
        while (Peek is not ({ Kind: TokenKind.Operator, Text: "]" } or { Kind: TokenKind.End }))
        {
            var part = Take();
            if (part.Text.Contains(':', StringComparison.Ordinal))
            {
                throw NotImplemented(part, "subqueries");
            }

            text.Append(part.Text);
        }

        if (Peek.Kind == TokenKind.End)
        {
            throw PromQLException.Parse(_query, Peek.Position, "unexpected end of input in duration");
        }

        Take();
        var range = PromNumber.ParseDuration(text.ToString());
        if (range is not { } duration || duration <= TimeSpan.Zero)
        {
            throw PromQLException.Parse(_query, open.Position + 1, $"bad duration syntax: \"{text}\"");
        }

        return duration;
    }

    private void Expect(string text)
    {
        var token = Take();
        if (token.Kind == TokenKind.Error)
        {
            throw PromQLException.Parse(_query, token.Position, token.Text);
        }

        if (token is not { Kind: TokenKind.Operator } || token.Text != text)
        {
            throw Unexpected(token);
        }
    }

    private PromQLException Unexpected(Token token) => token.Kind switch
    {
        TokenKind.Error => PromQLException.Parse(_query, token.Position, token.Text),
        TokenKind.End => PromQLException.Parse(_query, token.Position, "unexpected end of input"),
        _ => PromQLException.Parse(_query, token.Position, "unexpected " + Describe(token)),
    };

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Number => "number \"" + token.Text + "\"",
        TokenKind.String => "string \"" + token.Text + "\"",
        TokenKind.Identifier => "identifier \"" + token.Text + "\"",
        TokenKind.End => "end of input",
        _ => token.Text switch
        {
            "(" => "left parenthesis \"(\"",
            ")" => "right parenthesis \")\"",
            "{" => "left brace \"{\"",
            "}" => "right brace \"}\"",
            "[" => "left bracket \"[\"",
            "]" => "right bracket \"]\"",
            "," => "comma \",\"",
            "=" => "\"=\"",
            _ => "<op:" + token.Text + ">",
        },
    };

    private PromQLException NotImplemented(Token at, string what) =>
        PromQLException.Parse(_query, at.Position, $"Styx.Demo does not implement {what} (it serves a PromQL subset; a real Prometheus does)");

    private double ParseNumber(Token token)
    {
        var text = token.Text;
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw PromQLException.Parse(_query, token.Position, $"bad number or duration syntax: \"{text}\"");
    }

    /// <summary>
    /// Tokens up to the first lexical error, which becomes an Error token the parser reports when it reaches it (as
    /// Prometheus's lexer feeds its parser), and an End token at the input's length.
    /// </summary>
    private static List<Token> Lex(string query)
    {
        var tokens = new List<Token>();
        var depth = 0;
        var i = 0;
        while (true)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            if (i < query.Length && query[i] == '#')
            {
                while (i < query.Length && query[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (i >= query.Length)
            {
                tokens.Add(depth > 0 ? new Token(TokenKind.Error, "unclosed left parenthesis", query.Length) : new Token(TokenKind.End, "", query.Length));
                return tokens;
            }

            var start = i;
            var c = query[i];
            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1]))
            {
                // Numbers and durations (5m, 1h30m) share the lexer's number path.
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '.'
                    || (query[i] is '+' or '-') && query[i - 1] is 'e' or 'E' && !query[start..i].Contains('x', StringComparison.OrdinalIgnoreCase)))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, query[start..i], start));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '_' or ':'))
                {
                    i++;
                }

                var word = query[start..i];
                tokens.Add(new Token(word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("nan", StringComparison.OrdinalIgnoreCase) ? TokenKind.Number : TokenKind.Identifier, word, start));
            }
            else if (c is '"' or '\'' or '`')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= query.Length || c != '`' && query[i] == '\n')
                    {
                        tokens.Add(new Token(TokenKind.Error, "unterminated quoted string", start));
                        return tokens;
                    }

                    if (query[i] == c)
                    {
                        i++;
                        break;
                    }

                    if (query[i] == '\\' && c != '`' && i + 1 < query.Length)
                    {
                        i++;
                        value.Append(query[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                        i++;
                        continue;
                    }

                    value.Append(query[i++]);
                }

                tokens.Add(new Token(TokenKind.String, value.ToString(), start));
            }
            else
            {
                var two = i + 1 < query.Length ? query.Substring(i, 2) : "";
                var op = two is "!=" or "=~" or "!~" or "==" or ">=" or "<=" ? two : c.ToString();
                if (op is not ("(" or ")" or "{" or "}" or "[" or "]" or "," or "=" or "!=" or "=~" or "!~" or "==" or ">=" or "<="
                    or "+" or "-" or "*" or "/" or "%" or "^" or "<" or ">" or ":" or "@"))
                {
                    tokens.Add(new Token(TokenKind.Error, $"unexpected character: '{c}'", start));
                    return tokens;
                }

                if (op == "(")
                {
                    depth++;
                }
                else if (op == ")" && --depth < 0)
                {
                    tokens.Add(new Token(TokenKind.Error, "unexpected right parenthesis ')'", start));
                    return tokens;
                }

                i += op.Length;
                tokens.Add(new Token(TokenKind.Operator, op, start));
            }
        }
    }
}
