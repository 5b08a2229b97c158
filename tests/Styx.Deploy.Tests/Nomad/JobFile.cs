using System.Text.Json.Nodes;
using Styx.Deploy.Tests.Support;

namespace Styx.Deploy.Tests.Nomad;

/// <summary>One committed Nomad job file: its text and its HCL2 parse (see <see cref="Hcl2Json"/>).</summary>
internal sealed record JobFile(string RelativePath, string Text, JsonObject Hcl)
{
    public static async Task<JobFile> LoadAsync(string relativePath)
    {
        var path = RepositoryRoot.File(relativePath);
        return new JobFile(relativePath, await File.ReadAllTextAsync(path), await Hcl2Json.ParseAsync(path));
    }

    /// <summary>The file's one <c>job</c> block: its label and its body, variables not yet resolved.</summary>
    public (string Label, JsonObject Body) Job
    {
        get
        {
            var jobs = Hcl["job"]?.AsObject() ?? throw new InvalidDataException($"{RelativePath} has no job block");
            if (jobs.Count != 1)
            {
                throw new InvalidDataException($"{RelativePath} has {jobs.Count} job blocks; a job file holds one");
            }

            var (label, blocks) = jobs.Single();
            return (label, blocks!.AsArray().Single()!.AsObject());
        }
    }

    /// <summary>Every <c>variable</c> block by name (its <c>type</c>, <c>default</c>, <c>description</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables =>
        (Hcl["variable"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => p.Value!.AsArray().Single()!.AsObject(), StringComparer.Ordinal);

    /// <summary>
    /// The job block with every <c>${var.x}</c> replaced: by <paramref name="vars"/> where given (as <c>-var</c> would),
    /// else by the variable's default. A variable with neither fails, naming it, as <c>nomad job run</c> does.
    /// </summary>
    public JsonObject Resolve(IReadOnlyDictionary<string, JsonNode?>? vars = null)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, variable) in Variables)
        {
            if (vars is not null && vars.TryGetValue(name, out var given))
            {
                values[name] = given;
            }
            else if (variable.TryGetPropertyValue("default", out var fallback))
            {
                values[name] = HclVariables.Literal(fallback);
            }
        }

        foreach (var name in vars?.Keys ?? [])
        {
            if (!Variables.ContainsKey(name))
            {
                throw new InvalidDataException($"{RelativePath} declares no variable '{name}'");
            }
        }

        return HclVariables.Resolve(Job.Body, values, $"job.{Job.Label}")!.AsObject();
    }
}
