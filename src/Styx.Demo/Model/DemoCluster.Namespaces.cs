namespace Styx.Demo.Model;

/// <summary>Namespaces: the <c>default</c> one every cluster has, and the others a cluster is given.</summary>
internal sealed partial class DemoCluster
{
    /// <summary>Creates a namespace (what <c>nomad namespace apply</c> does); the default cluster adds its own.</summary>
    public void AddNamespace(string name, string description, IReadOnlyDictionary<string, string>? meta = null) => Write(() =>
    {
        var index = Touch(DemoTable.Namespaces);
        Namespaces[name] = new DemoNamespace(name, description, meta, index, index);
    });

    /// <summary>A job by namespace and ID, or null (called under the lock).</summary>
    internal DemoJob? FindJob(string @namespace, string id) => Jobs.GetValueOrDefault(new NamespacedId(@namespace, id));
}
