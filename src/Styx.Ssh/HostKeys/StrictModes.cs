using Microsoft.Win32.SafeHandles;

namespace Styx.Ssh.HostKeys;

/// <summary>
/// OpenSSH's StrictModes (sshd_config(5)) for the files that decide who the server is and who may log in: a file that
/// anyone but its owner can write is refused, as auth_secure_path() in OpenSSH's auth.c refuses
/// <c>st_mode &amp; 022</c>, because whoever can write it can add a login key or replace the host key.
/// </summary>
/// <remarks>
/// Only the file itself is checked (through symlinks, the file they lead to): not its owner and not its directories,
/// which OpenSSH also walks up to the user's home. The check reads the mode of the handle the contents are then read
/// from, so the file cannot be swapped in between. Windows has no Unix modes, so there is nothing to check.
/// </remarks>
public static class StrictModes
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <param name="file">The open file.</param>
    /// <param name="path">The path as the operator configured it, for the message and the chmod to run.</param>
    /// <param name="consequence">What a writer could do with it, e.g. "another user could add a login key".</param>
    /// <exception cref="InvalidDataException">The file is group- or world-writable; the message names it, its mode
    /// and the <c>chmod</c> that fixes it. (The type every other unusable key file throws, so callers report it the same way.)</exception>
    public static void Check(SafeFileHandle file, string path, string consequence)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & WritableByOthers) == 0)
        {
            return;
        }

        var who = (mode & WritableByOthers) == WritableByOthers ? "its group and everyone" : (mode & UnixFileMode.GroupWrite) != 0 ? "its group" : "everyone";
        throw new InvalidDataException(
            $"{path} has mode {Octal(mode)}: {who} can write it, so {consequence}; refused (StrictModes). Fix it with: chmod go-w {path}");
    }

    /// <summary>The mode as <c>ls</c> and <c>chmod</c> write it, e.g. 0664.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
