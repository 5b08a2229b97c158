using System.Text;
using Serilog.Sinks.File;

namespace Styx.Tui.Logging;

/// <summary>
/// Makes each server log file readable by its owner only (0600), as the audit log is, whatever the umask: the log names
/// users, key fingerprints and client addresses. Serilog opens a new file every day, so this runs on every open.
/// </summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return underlyingStream;
    }
}
