using System.Diagnostics;

namespace Styx.EndToEnd.Tests.Support;

/// <summary>An SSH user key made with the real <c>ssh-keygen</c> for one test run.</summary>
internal sealed record UserKey(string PrivateKeyPath, string PublicKeyLine)
{
    public static async Task<UserKey> CreateAsync(string directory, string name, string type = "ed25519")
    {
        var path = Path.Combine(directory, $"id_{name}_{type}");
        var start = new ProcessStartInfo(RequiredTool.Path("ssh-keygen", "openssh-client"))
        {
            ArgumentList = { "-q", "-t", type, "-N", "", "-C", name, "-f", path },
            RedirectStandardError = true,
        };
        if (type == "rsa")
        {
            start.ArgumentList.Add("-b");
            start.ArgumentList.Add("3072");
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ssh-keygen failed: " + await process.StandardError.ReadToEndAsync());
        }

        return new UserKey(path, (await File.ReadAllTextAsync(path + ".pub")).Trim());
    }

    /// <summary>An authorized_keys line granting <paramref name="role"/>.</summary>
    public string AuthorizedLine(string role) => $"role=\"{role}\" {PublicKeyLine}";
}
