namespace Styx.EndToEnd.Tests.Support;

/// <summary>
/// Finds an external program the tests drive. A missing tool fails the test (never skips it): the README's test
/// command installs every one of them, so a missing tool means the machine is not set up.
/// </summary>
internal static class RequiredTool
{
    public static string Path(string name, string debianPackage)
    {
        // sbin is searched too: sshd lives there and is often not on a test runner's PATH.
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Append("/usr/sbin"))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed; run ./scripts/test.sh, or apt-get install {debianPackage}");
    }
}
