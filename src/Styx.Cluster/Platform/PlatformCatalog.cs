using System.Collections.Immutable;
using System.Text.Json;

namespace Styx.Cluster.Platform;

/// <summary>
/// The platform services Styx shows and can start or stop. It is data, not code: the defaults ship as
/// <c>platform-services.json</c> (DESIGN.md §2) and a deployment replaces them from configuration without a rebuild.
/// </summary>
public sealed class PlatformCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public PlatformCatalog(IEnumerable<PlatformService> services)
    {
        Services = [.. services];
        var duplicate = Services.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"platform service '{duplicate.Key}' is listed more than once; give each service one entry");
        }
    }

    public ImmutableArray<PlatformService> Services { get; }

    /// <summary>The service called <paramref name="name"/> (its display name or its job ID), case-insensitively.</summary>
    public PlatformService? Find(string name) => Services.FirstOrDefault(s =>
        string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.JobId, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The platform service whose Nomad job is <paramref name="jobId"/> in <paramref name="namespace"/>, or null for
    /// an application job. The namespace must be the service's own (a <c>traefik</c> job in <c>staging</c> is some
    /// team's job, not the platform's ingress); the job ID is compared case-insensitively on purpose: this decides who
    /// may act on the job, so a near-miss spelling errs towards the stricter role.
    /// </summary>
    public PlatformService? ForJob(string @namespace, string jobId) => Services.FirstOrDefault(s =>
        s.JobId is not null && string.Equals(s.JobId, jobId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(s.JobNamespace, @namespace, StringComparison.Ordinal));

    /// <summary>The catalog of DESIGN.md §2, from the embedded <c>platform-services.json</c>.</summary>
    public static PlatformCatalog Default()
    {
        using var stream = typeof(PlatformCatalog).Assembly.GetManifestResourceStream(typeof(PlatformCatalog).Namespace + ".platform-services.json")
            ?? throw new InvalidOperationException("platform-services.json is not embedded in Styx.Cluster");
        return Parse(stream, "the built-in catalog");
    }

    /// <summary>Reads a catalog from JSON (an array of services). <paramref name="source"/> names it in errors.</summary>
    public static PlatformCatalog Parse(Stream json, string source)
    {
        List<PlatformService>? services;
        try
        {
            services = JsonSerializer.Deserialize<List<PlatformService>>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: platform services are not valid JSON ({ex.Message})", ex);
        }

        if (services is null || services.Count == 0)
        {
            throw new FormatException($"{source}: the platform service list is empty; list at least one service or leave the setting out");
        }

        foreach (var (service, index) in services.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(service.Name))
            {
                throw new FormatException($"{source}: platform service #{index + 1} has no name");
            }

            if (service.Kind is not ("service" or "system" or "external"))
            {
                throw new FormatException($"{source}: platform service '{service.Name}' has kind '{service.Kind}'; use service, system or external");
            }

            if (service.Namespace is { } ns && (string.IsNullOrWhiteSpace(ns) || ns == Nomad.Namespace.All))
            {
                throw new FormatException($"{source}: platform service '{service.Name}' has namespace '{ns}'; name the one its job runs in, or leave it out for default");
            }

            if (service.Kind != "external" && string.IsNullOrWhiteSpace(service.JobId))
            {
                throw new FormatException($"{source}: platform service '{service.Name}' is a Nomad {service.Kind} job but has no jobId");
            }
        }

        return new PlatformCatalog(services.Select(s => s with { Ports = s.Ports.IsDefault ? [] : s.Ports }));
    }
}
