namespace Styx.Demo.Nomad;

/// <summary>The ACL capabilities the simulated endpoints check (cluster-apis.md §1.6).</summary>
internal enum NomadCapability
{
    ListJobs,
    ReadJob,
    SubmitJob,
    ScaleJob,
    AllocLifecycle,
    ReadLogs,
    NodeRead,
    NodeWrite,
    AgentRead,
    Management,
}
