namespace Styx.Demo.Model;

/// <summary>The state tables a blocking query can watch; each has its own modify index, as in Nomad's state store.</summary>
internal enum DemoTable
{
    Jobs,
    Nodes,
    Allocations,
    Deployments,
    Services,
    Namespaces,
}
