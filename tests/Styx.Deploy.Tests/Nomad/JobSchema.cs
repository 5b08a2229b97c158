using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Styx.Deploy.Tests.Nomad;

/// <summary>
/// The <c>Job</c> schema of Nomad's OpenAPI document (test data <c>nomad-openapi.yaml</c>), as a JSON Schema that
/// JsonSchema.Net evaluates. The OpenAPI schemas use only <c>type</c>, <c>properties</c>, <c>items</c>, <c>$ref</c>,
/// <c>additionalProperties</c>, <c>format</c> and <c>minimum</c>/<c>maximum</c>, which mean the same in JSON Schema
/// 2020-12; two things are tightened before use:
/// <list type="bullet">
/// <item>An object schema that lists its properties and says nothing of others is closed
/// (<c>additionalProperties: false</c>): Nomad's structs have exactly those fields, and a misspelt one
/// (<c>TaskGroup</c> for <c>TaskGroups</c>) would otherwise pass as an unknown extra.</item>
/// <item><c>format: int64</c> becomes the int64 range, since JSON Schema treats formats as annotations.</item>
/// </list>
/// </summary>
internal sealed class JobSchema
{
    private const string Definitions = "#/$defs/";
    private const string OpenApiSchemas = "#/components/schemas/";

    private readonly JsonSchema _schema;

    private JobSchema(JsonSchema schema) => _schema = schema;

    public static JobSchema Load(string openApiYamlPath)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(openApiYamlPath))
        {
            yaml.Load(reader);
        }

        var document = ToJson(yaml.Documents.Single().RootNode)!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject()
            ?? throw new InvalidDataException($"{openApiYamlPath} has no components.schemas");

        // Only Job and what it refers to, so an unrelated schema's quirks cannot matter.
        var definitions = new JsonObject();
        var pending = new Queue<string>(["Job"]);
        while (pending.TryDequeue(out var name))
        {
            if (definitions.ContainsKey(name))
            {
                continue;
            }

            var schema = schemas[name]?.DeepClone() ?? throw new InvalidDataException($"{openApiYamlPath}: schema {name} is referred to but missing");
            definitions[name] = Tighten(schema, pending);
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://styx.invalid/nomad/job.json",
            ["$ref"] = Definitions + "Job",
            ["$defs"] = definitions,
        };
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new JobSchema(JsonSchema.FromText(root.ToJsonString(), options));
    }

    /// <summary>Every place the job breaks the schema, as <c>/JSON/Pointer: what is wrong</c>; empty when it fits.</summary>
    public IReadOnlyList<string> Validate(JsonNode job)
    {
        using var document = JsonDocument.Parse(job.ToJsonString());
        var result = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value} ({e.Key})"))
            .Distinct()];
    }

    private static JsonNode Tighten(JsonNode schema, Queue<string> referred)
    {
        if (schema is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    Tighten(item, referred);
                }
            }

            return schema;
        }

        if (schema is not JsonObject obj)
        {
            return schema;
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!reference.StartsWith(OpenApiSchemas, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"$ref {reference} is not a component schema");
            }

            var name = reference[OpenApiSchemas.Length..];
            obj["$ref"] = Definitions + name;
            referred.Enqueue(name);
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (_, property) in properties)
            {
                if (property is not null)
                {
                    Tighten(property, referred);
                }
            }

            obj["additionalProperties"] ??= false;
        }

        foreach (var keyword in new[] { "items", "additionalProperties" })
        {
            if (obj[keyword] is JsonObject nested)
            {
                Tighten(nested, referred);
            }
        }

        if (obj["format"]?.GetValue<string>() == "int64")
        {
            obj["minimum"] ??= long.MinValue;
            obj["maximum"] ??= long.MaxValue;
        }

        return obj;
    }

    /// <summary>YAML to JSON by YAML 1.2's core schema: plain scalars that read as numbers, booleans or null are those;
    /// quoted ones stay text.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidDataException($"unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Plain(string text) => text switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" or "~" or "" => null,
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
        _ => JsonValue.Create(text),
    };
}
