using System.Collections.Immutable;

namespace Styx.Tui.Access;

/// <summary>The keys that parsed, and one error per line that did not.</summary>
public sealed record AuthorizedKeysParseResult(ImmutableArray<AuthorizedKey> Keys, ImmutableArray<AuthorizedKeysError> Errors);

/// <summary>A line of <c>authorized_keys</c> that was skipped, and why.</summary>
public sealed record AuthorizedKeysError(int LineNumber, string Message)
{
    public override string ToString() => $"line {LineNumber}: {Message}";
}
