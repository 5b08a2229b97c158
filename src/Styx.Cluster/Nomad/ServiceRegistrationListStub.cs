namespace Styx.Cluster.Nomad;

/// <summary>The services of one namespace, as <c>GET /v1/services</c> lists them.</summary>
public sealed record ServiceRegistrationListStub
{
    public string Namespace { get; init; } = "default";
    public IReadOnlyList<ServiceRegistrationStub>? Services { get; init; }
}

/// <summary>A service name and the union of its tags.</summary>
public sealed record ServiceRegistrationStub
{
    public string ServiceName { get; init; } = "";
    public IReadOnlyList<string>? Tags { get; init; }
}
