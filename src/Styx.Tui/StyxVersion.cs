using System.Reflection;

namespace Styx.Tui;

/// <summary>The version printed by <c>styx-tui version</c>, the SSH banner and the exec <c>version</c> command.</summary>
internal static class StyxVersion
{
    public static string Current { get; } =
        typeof(StyxVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
