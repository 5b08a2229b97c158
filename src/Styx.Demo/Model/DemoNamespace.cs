namespace Styx.Demo.Model;

/// <summary>A Nomad namespace (<c>structs.Namespace</c>): only the fields the open-source servers fill in.</summary>
internal sealed record DemoNamespace(string Name, string Description, IReadOnlyDictionary<string, string>? Meta, ulong CreateIndex, ulong ModifyIndex)
{
    /// <summary>The namespace every Nomad cluster has; its description is the one Nomad gives it.</summary>
    public const string Default = "default";

    public const string DefaultDescription = "Default shared namespace";
}
