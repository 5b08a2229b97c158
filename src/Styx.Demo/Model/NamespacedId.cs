namespace Styx.Demo.Model;

/// <summary>
/// A job's identity (Nomad's <c>structs.NamespacedID</c>): job IDs are unique only within a namespace, so the same
/// <c>web</c> can exist in <c>default</c> and <c>staging</c>.
/// </summary>
internal readonly record struct NamespacedId(string Namespace, string Id)
{
    public override string ToString() => $"{Id}@{Namespace}";
}
