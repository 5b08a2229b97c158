using System.Text.Json;
using Styx.Tui.Tests.Support;
using Styx.Testing;

namespace Styx.Tui.Tests.Hosting;

/// <summary>Editing keys/authorized_keys while the server runs (issue 5): new sessions see the new file at once.</summary>
public sealed class KeysReloadTests : IAsyncLifetime
{
    private StyxTestServer _styx = null!;

    public async Task InitializeAsync() => _styx = await StyxTestServer.StartAsync();

    public async Task DisposeAsync() => await _styx.DisposeAsync();

    [Fact]
    public async Task EditWhileRunning_RemovedKeyOutNewKeyInRoleChangedBadLineSkipped()
    {
        var newKey = await StyxTestServer.NewKeyAsync(_styx.Directory, "newcomer");
        var newLine = (await File.ReadAllTextAsync(newKey + ".pub")).Trim().Split(' ');
        var lines = (await File.ReadAllLinesAsync(_styx.AuthorizedKeys)).ToList();
        var viewerLine = lines.Single(l => l.StartsWith("role=\"viewer\"", StringComparison.Ordinal));
        var operatorLine = lines.Single(l => l.StartsWith("role=\"operator\"", StringComparison.Ordinal));
        var edited = new List<string>
        {
            // The viewer is removed, the operator becomes an admin, a newcomer arrives, and one line is garbage.
            operatorLine.Replace("role=\"operator\"", "role=\"admin\"", StringComparison.Ordinal),
            lines.Single(l => l.StartsWith("role=\"admin\"", StringComparison.Ordinal)),
            "role=\"superuser\" ssh-ed25519 AAAAnotakey broken line",
            $"role=\"operator\" {newLine[0]} {newLine[1]} Nina Newcomer",
        };
        Assert.DoesNotContain(viewerLine, edited);
        await File.WriteAllLinesAsync(_styx.AuthorizedKeys, edited);

        await Eventually.True(async _ => (await _styx.AsAsync("viewer", "whoami")).ExitCode == 255, "the removed key is refused");
        var newcomer = await _styx.SshAsync(newKey, "whoami --json");
        Assert.True(newcomer.ExitCode == 0, newcomer.Stderr);
        using (var who = JsonDocument.Parse(newcomer.Stdout))
        {
            Assert.Equal("Nina Newcomer", who.RootElement.GetProperty("user").GetString());
            Assert.Equal("operator", who.RootElement.GetProperty("role").GetString());
        }

        var promoted = await _styx.AsAsync("operator", "whoami --json");
        using (var who = JsonDocument.Parse(promoted.Stdout))
        {
            Assert.Equal("admin", who.RootElement.GetProperty("role").GetString());
        }

        Assert.Equal(0, (await _styx.AsAsync("admin", "status")).ExitCode);
        Assert.Single(_styx.Server.Keys.Errors);
    }
}
