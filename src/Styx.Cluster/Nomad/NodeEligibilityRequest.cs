namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/node/:id/eligibility</c>.</summary>
public sealed record NodeEligibilityRequest
{
    /// <summary><c>eligible</c> or <c>ineligible</c>.</summary>
    public required string Eligibility { get; init; }
}
