using System.Text.Json;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>Reads the Nomad API doc samples copied into TestData/nomad (see its README for the four fixed by hand).</summary>
internal static class NomadSamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "nomad");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static T Read<T>(string name)
    {
        var value = JsonSerializer.Deserialize<T>(Text(name), NomadJson.Options);
        Assert.NotNull(value);
        return value;
    }
}
