using Styx.Cluster.Access;
using Styx.Tui.Configuration;

namespace Styx.Tui.Tests.Configuration;

public sealed class StyxCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_Serves()
    {
        Assert.IsType<ServeCommand>(StyxCommandLine.Parse([]));
    }

    [Fact]
    public void Parse_ServeWithFlags_MapsFlagsToSettings()
    {
        var sut = StyxCommandLine.Parse(["serve", "--demo", "--listen", "127.0.0.1:2299", "--nomad-addr=http://n:4646", "--config", "x.json"]);

        Assert.IsType<ServeCommand>(sut);
        Assert.Equal("true", sut.Flags["demo"]);
        Assert.Equal("127.0.0.1:2299", sut.Flags["listen"]);
        Assert.Equal("http://n:4646", sut.Flags["nomad:addr"]);
        Assert.Equal("x.json", sut.ConfigFile);
    }

    [Fact]
    public void Parse_KeysAdd_TakesRoleNameAndFrom()
    {
        var sut = Assert.IsType<KeysAddCommand>(StyxCommandLine.Parse(["keys", "add", "id.pub", "--role", "operator", "--name", "Alice", "--from", "100.64.0.0/10"]));

        Assert.Equal(("id.pub", Role.Operator, "Alice", "100.64.0.0/10"), (sut.PublicKeyFile, sut.Role, sut.Name, sut.From));
    }

    [Theory]
    [InlineData(new[] { "keys", "add", "id.pub" }, "needs --role")]
    [InlineData(new[] { "keys", "add", "id.pub", "--role", "root" }, "--role root is not a role")]
    [InlineData(new[] { "keys", "add" }, "needs the public key file")]
    [InlineData(new[] { "--listen" }, "--listen needs a value")]
    [InlineData(new[] { "--colour", "x" }, "unknown option --colour")]
    [InlineData(new[] { "jobs" }, "unknown command 'jobs'")]
    [InlineData(new[] { "serve", "--role", "admin" }, "belong to 'keys add'")]
    public void Parse_Mistakes_SayWhatToType(string[] args, string expected)
    {
        var ex = Assert.Throws<UsageError>(() => StyxCommandLine.Parse(args));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys list", typeof(KeysListCommand))]
    [InlineData("hostkey", typeof(HostKeyCommand))]
    [InlineData("--help", typeof(HelpCommand))]
    [InlineData("version", typeof(VersionCommand))]
    public void Parse_OtherCommands_AreRecognised(string line, Type expected)
    {
        Assert.IsType(expected, StyxCommandLine.Parse(line.Split(' ')));
    }
}
