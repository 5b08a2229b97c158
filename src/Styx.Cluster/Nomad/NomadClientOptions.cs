
namespace Styx.Cluster.Nomad;

/// <summary>
/// Where Nomad is and how to talk to it, following the Nomad CLI's environment conventions (<c>NOMAD_ADDR</c>,
/// <c>NOMAD_TOKEN</c>, <c>NOMAD_NAMESPACE</c>, <c>NOMAD_REGION</c>, <c>NOMAD_CACERT</c>, <c>NOMAD_CLIENT_CERT</c>,
/// <c>NOMAD_CLIENT_KEY</c>, <c>NOMAD_SKIP_VERIFY</c>).
/// </summary>
public sealed record NomadClientOptions
{
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:4646");

    public Uri Address { get; init; } = DefaultAddress;

    /// <summary>The ACL token's SecretID. Never logged: <see cref="ToString"/> hides it.</summary>
    public string? Token { get; init; }

    public string? Namespace { get; init; }
    public string? Region { get; init; }
    public string? CaCertPath { get; init; }
    public string? ClientCertPath { get; init; }
    public string? ClientKeyPath { get; init; }
    public bool SkipVerify { get; init; }

    /// <summary>How long a non-blocking request may take; blocking queries get their wait on top.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public override string ToString() =>
        $"Nomad {Address} (namespace {Namespace ?? "default"}, region {Region ?? "default"}, token {(Token is null ? "none" : "set")})";

    /// <summary>Reads the <c>NOMAD_*</c> variables. A bad value throws <see cref="FormatException"/> naming the variable.</summary>
    public static NomadClientOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var options = new NomadClientOptions();
        if (Get("NOMAD_ADDR") is { } addr)
        {
            // The Nomad CLI accepts a bare host:port and assumes http.
            var text = addr.Contains("://", StringComparison.Ordinal) ? addr : "http://" + addr;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"NOMAD_ADDR '{addr}' is not an http(s) address; set it like http://127.0.0.1:4646");
            }

            options = options with { Address = uri };
        }

        var skip = Get("NOMAD_SKIP_VERIFY");
        var skipVerify = skip switch
        {
            null => false,
            _ when bool.TryParse(skip, out var b) => b,
            "1" => true,
            "0" => false,
            _ => throw new FormatException($"NOMAD_SKIP_VERIFY '{skip}' is not true or false"),
        };

        foreach (var file in new[] { "NOMAD_CACERT", "NOMAD_CLIENT_CERT", "NOMAD_CLIENT_KEY" })
        {
            if (Get(file) is { } path && !File.Exists(path))
            {
                throw new FormatException($"{file} names {path}, which does not exist");
            }
        }

        if ((Get("NOMAD_CLIENT_CERT") is null) != (Get("NOMAD_CLIENT_KEY") is null))
        {
            throw new FormatException("NOMAD_CLIENT_CERT and NOMAD_CLIENT_KEY must be set together");
        }

        return options with
        {
            Token = Get("NOMAD_TOKEN"),
            Namespace = Get("NOMAD_NAMESPACE"),
            Region = Get("NOMAD_REGION"),
            CaCertPath = Get("NOMAD_CACERT"),
            ClientCertPath = Get("NOMAD_CLIENT_CERT"),
            ClientKeyPath = Get("NOMAD_CLIENT_KEY"),
            SkipVerify = skipVerify,
        };
    }

}
