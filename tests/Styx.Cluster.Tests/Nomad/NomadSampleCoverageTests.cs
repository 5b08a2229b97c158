using System.Text.Json;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// Keeps the sample tests honest: every file in TestData/nomad is either read by a test in
/// <see cref="NomadSampleTests"/> or listed here as outside what the design uses, so a new sample cannot be forgotten.
/// </summary>
public sealed class NomadSampleCoverageTests
{
    private static readonly string[] s_readByTests =
    [
        "acl-token-self.json", "agent-self.json", "allocation-checks.json", "allocation-read.json", "allocation-services.json",
        "allocation-stop.response.json",
        "allocations-list.json", "client-allocation-restart.request.json", "client-allocation-restart.response.json",
        "client-allocation-stats.json", "client-fs-logs.frames.txt", "client-stats.json", "deployment-read.json",
        "deployments-list.json", "event-stream.json", "job-allocations.json", "job-delete.response.json",
        "job-deployment-latest.json", "job-deployments.json", "job-read.json", "job-revert.request-enforce.json",
        "job-revert.request.json", "job-revert.response.json", "job-scale-status.json", "job-scale.request.json",
        "job-scale.response.json", "job-services.json", "job-summary.json", "job-versions.json", "jobs-list.json",
        "jobs-register.request.json", "jobs-register.response.json", "namespace-read.json", "namespaces-list.json",
        "node-allocations.json", "node-drain.request.json",
        "node-drain.response.json", "node-eligibility.request.json", "node-eligibility.response.json", "node-read.json",
        "nodes-list.json", "service-read.json", "services-list.json", "status-leader.json",
    ];

    /// <summary>Endpoints the design does not call (evaluations, plans, signals, fs browsing, deployment control, ...).</summary>
    private static readonly string[] s_notUsedByDesign =
    [
        "agent-health.json", "agent-members.json", "client-allocation-signal.request.json", "client-allocation-signal.response.json", "client-fs-ls.json",
        "client-fs-stat.json", "deployment-allocations.json", "deployment-fail.response.json",
        "deployment-pause.request.json", "deployment-pause.response.json", "deployment-promote.request.json",
        "deployment-promote.response.json", "evaluation-read.json", "evaluations-list.json",
        "job-evaluate.response.json", "job-evaluations.json", "job-plan.response.json", "job-update.request.json",
        "job-update.response.json", "job-versions.diffs.json", "metrics.json", "status-peers.json",
    ];

    [Fact]
    public void EverySample_IsEitherTestedOrListedAsUnused()
    {
        var present = Directory.GetFiles(NomadSamples.Folder)
            .Select(Path.GetFileName)
            .Where(name => name != "README.md")
            .Order(StringComparer.Ordinal);
        Assert.Equal(s_readByTests.Concat(s_notUsedByDesign).Order(StringComparer.Ordinal), present);
    }

    [Fact]
    public void EveryJsonSample_IsStrictJson()
    {
        foreach (var name in s_readByTests.Concat(s_notUsedByDesign).Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var exception = Record.Exception(() => JsonDocument.Parse(NomadSamples.Text(name)).Dispose());
            Assert.True(exception is null, $"{name}: {exception?.Message}");
        }
    }
}
