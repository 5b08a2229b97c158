using Styx.Cluster.Access;
using Styx.Tui.Screens;
using Styx.Tui.Shell.Commands;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Issue 11 item 2: one command table gives keys, help, completion and hints. Each key and each <c>:</c> word means one
/// thing on any screen, help lists only what applies on the screen and what the role may do, and a new command is one entry.
/// </summary>
public sealed class CommandTableTests
{
    private static readonly CommandTable Table = CommandTable.Default();

    private static readonly Screen[] Screens =
    [
        new OverviewScreen(), new JobsScreen(), new JobScreen("web"), new NodesScreen(), new NodeScreen("n"), new AllocationsScreen(null),
        new AllocationScreen("a"), new ServicesScreen(), new JobDefinitionScreen("web"), new SlotScreen("Logs", "logs"),
    ];

    [Fact]
    public void EveryKey_OneCommandPerScreen_EveryWordOnce()
    {
        foreach (var screen in Screens)
        {
            var keys = Table.All.Where(c => c.AppliesTo(screen)).SelectMany(c => c.Keys).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        }

        var words = Table.All.SelectMany(c => c.Words).ToList();
        Assert.Equal(words.Count, words.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Throws<ArgumentException>(() => new CommandTable([.. Table.All, new ShellCommand { Words = ["jobs"], Help = "twice", Run = (_, _) => { } }]));
    }

    [Fact]
    public void Help_AllocationsScreen_OnlyActionsThatApplyThere()
    {
        var help = string.Join('\n', Table.HelpLines(new AllocationsScreen(null), Role.Admin));
        Assert.Contains("restart", help, StringComparison.Ordinal);
        Assert.Contains("scale a task group", help, StringComparison.Ordinal);
        Assert.DoesNotContain("drain", help, StringComparison.Ordinal);
        Assert.DoesNotContain("eligibility", help, StringComparison.Ordinal);
        Assert.DoesNotContain("purge", help, StringComparison.Ordinal);

        var nodes = string.Join('\n', Table.HelpLines(new NodesScreen(), Role.Admin));
        Assert.Contains("drain a node", nodes, StringComparison.Ordinal);
        Assert.DoesNotContain("scale a task group", nodes, StringComparison.Ordinal);
        Assert.DoesNotContain("mark the row", nodes, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ByRole_ViewerNoActions_OperatorNoAdminActions()
    {
        var viewer = string.Join('\n', Table.HelpLines(new JobsScreen(), Role.Viewer));
        Assert.Contains("no action keys for your role", viewer, StringComparison.Ordinal);
        Assert.DoesNotContain("stop a job", viewer, StringComparison.Ordinal);
        var operatorHelp = string.Join('\n', Table.HelpLines(new JobsScreen(), Role.Operator));
        Assert.Contains("stop a job", operatorHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("purge", operatorHelp, StringComparison.Ordinal);
        Assert.DoesNotContain(":activity", operatorHelp, StringComparison.Ordinal);
        Assert.Contains(":activity", string.Join('\n', Table.HelpLines(new JobsScreen(), Role.Admin)), StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_WordsThenArguments()
    {
        Assert.Equal(["job", "jobs"], Table.Complete("jo", _ => []));
        Assert.Equal(["job web", "job worker"], Table.Complete("job w", kind => kind == ArgumentKind.Job ? ["api", "web", "worker"] : []));
        Assert.Empty(Table.Complete("jobs x", _ => ["xyz"]));
    }

    [Fact]
    public void Hints_FromTheTable_ForTheScreenAndRole()
    {
        Assert.Contains("S scale", Table.Hints(new JobsScreen(), Role.Operator));
        Assert.DoesNotContain("S scale", Table.Hints(new JobsScreen(), Role.Viewer));
        Assert.DoesNotContain("S scale", Table.Hints(new NodesScreen(), Role.Admin));
        Assert.Contains("? help", Table.Hints(new NodesScreen(), Role.Viewer));
    }

    [Fact]
    public void NewCommand_IsOneEntry()
    {
        var opened = false;
        var table = new CommandTable([.. Table.All, new ShellCommand { Keys = ["F"], Words = ["frob"], Help = "frobnicate", Run = (_, _) => opened = true }]);
        table.ForWord("frob")!.Run(null!, null);
        Assert.True(opened);
        Assert.Contains(table.HelpLines(new JobsScreen(), Role.Viewer), l => l.Contains("frobnicate", StringComparison.Ordinal));
        Assert.Contains("frob", table.Complete("fr", _ => []));
        Assert.NotNull(table.ForKey("F", new JobsScreen(), out _));
    }
}
