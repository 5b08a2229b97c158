using System.Reflection;
using System.Text;

namespace Styx.Tui;

/// <summary>
/// The version printed by <c>styx-tui --version</c>, the startup line and the exec <c>version</c> command, and sent
/// in the SSH identification string: what <c>scripts/publish.sh --version</c> stamped (a git tag or
/// <c>git describe</c>, e.g. <c>0.4.0-12-gabc1234</c>), or <c>0.0.0-dev+&lt;commit&gt;</c> for any other build.
/// </summary>
internal static class StyxVersion
{
    public static string Current { get; } =
        typeof(StyxVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0-dev";

    /// <summary>Our SSH identification string (RFC 4253 §4.2), e.g. <c>SSH-2.0-Styx_0.4.0_12_gabc1234</c>.</summary>
    public static string SshIdentification { get; } = SshIdentificationFor(Current);

    /// <summary>
    /// RFC 4253 §4.2: the software version is printable US-ASCII without spaces or minus signs (a minus would end it),
    /// so each such character of <paramref name="version"/> becomes an underscore; the line may be 255 characters with
    /// its CR LF, so a longer version is cut.
    /// </summary>
    public static string SshIdentificationFor(string version)
    {
        var text = new StringBuilder("SSH-2.0-Styx_", 13 + version.Length);
        foreach (var c in version)
        {
            text.Append(c is > ' ' and < '\x7f' and not '-' ? c : '_');
        }

        return text.ToString(0, Math.Min(text.Length, 253));
    }
}
