using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Styx.Deploy.Tests.Nomad;

/// <summary>
/// The Nomad API JSON job (the <c>Job</c> object of <c>nomad job run -output</c>) that a parsed, variable-resolved job
/// block describes: HCL names become the API's field names (<c>kill_timeout</c> → <c>KillTimeout</c>), durations
/// become nanoseconds, labelled blocks become named list entries, ports split into reserved (static) and dynamic.
/// </summary>
/// <remarks>
/// It knows the blocks and attributes Styx's job files use, each written out in <see cref="s_blocks"/>; any other key
/// is an error naming it, so a new attribute in a job file cannot be dropped here unseen and pass the schema check by
/// being absent. Defaults Nomad fills in when it stores a job (priority, reschedule policy, …) are not added.
/// </remarks>
internal static class ApiJob
{
    private enum Kind
    {
        String, Int, Bool, Duration, Strings,

        /// <summary>String values by key (<c>env</c>, <c>meta</c>, artifact <c>options</c>).</summary>
        Map,

        /// <summary>Passed through as written (a driver's <c>config</c>, whose keys are the driver's own).</summary>
        Raw,

        /// <summary>One nested block.</summary>
        Block,

        /// <summary>Repeatable unlabelled blocks, in file order.</summary>
        Blocks,

        /// <summary>Labelled blocks (<c>group "tui"</c>); the label becomes <c>Name</c>.</summary>
        Labelled,

        /// <summary>A network's <c>port "label"</c> blocks: static ones to <c>ReservedPorts</c>, others to <c>DynamicPorts</c>.</summary>
        Ports,
    }

    private sealed record Field(string Api, Kind Kind = Kind.String, string? Of = null);

    private static readonly Dictionary<string, Dictionary<string, Field>> s_blocks = new(StringComparer.Ordinal)
    {
        ["job"] = new(StringComparer.Ordinal)
        {
            ["id"] = new("ID"), ["name"] = new("Name"), ["namespace"] = new("Namespace"), ["region"] = new("Region"),
            ["type"] = new("Type"), ["priority"] = new("Priority", Kind.Int), ["datacenters"] = new("Datacenters", Kind.Strings),
            ["meta"] = new("Meta", Kind.Map), ["constraint"] = new("Constraints", Kind.Blocks, "constraint"),
            ["update"] = new("Update", Kind.Block, "update"), ["group"] = new("TaskGroups", Kind.Labelled, "group"),
        },
        ["constraint"] = new(StringComparer.Ordinal)
        {
            ["attribute"] = new("LTarget"), ["operator"] = new("Operand"), ["value"] = new("RTarget"),
        },
        ["update"] = new(StringComparer.Ordinal)
        {
            ["max_parallel"] = new("MaxParallel", Kind.Int), ["health_check"] = new("HealthCheck"),
            ["min_healthy_time"] = new("MinHealthyTime", Kind.Duration), ["healthy_deadline"] = new("HealthyDeadline", Kind.Duration),
            ["progress_deadline"] = new("ProgressDeadline", Kind.Duration), ["auto_revert"] = new("AutoRevert", Kind.Bool),
            ["auto_promote"] = new("AutoPromote", Kind.Bool), ["canary"] = new("Canary", Kind.Int), ["stagger"] = new("Stagger", Kind.Duration),
        },
        ["group"] = new(StringComparer.Ordinal)
        {
            ["count"] = new("Count", Kind.Int), ["meta"] = new("Meta", Kind.Map),
            ["constraint"] = new("Constraints", Kind.Blocks, "constraint"), ["update"] = new("Update", Kind.Block, "update"),
            ["network"] = new("Networks", Kind.Blocks, "network"), ["ephemeral_disk"] = new("EphemeralDisk", Kind.Block, "ephemeral_disk"),
            ["restart"] = new("RestartPolicy", Kind.Block, "restart"), ["service"] = new("Services", Kind.Blocks, "service"),
            ["task"] = new("Tasks", Kind.Labelled, "task"),
        },
        ["network"] = new(StringComparer.Ordinal)
        {
            ["mode"] = new("Mode"), ["port"] = new("", Kind.Ports),
        },
        ["port"] = new(StringComparer.Ordinal)
        {
            ["static"] = new("Value", Kind.Int), ["to"] = new("To", Kind.Int), ["host_network"] = new("HostNetwork"),
        },
        ["ephemeral_disk"] = new(StringComparer.Ordinal)
        {
            ["size"] = new("SizeMB", Kind.Int), ["sticky"] = new("Sticky", Kind.Bool), ["migrate"] = new("Migrate", Kind.Bool),
        },
        ["restart"] = new(StringComparer.Ordinal)
        {
            ["attempts"] = new("Attempts", Kind.Int), ["interval"] = new("Interval", Kind.Duration),
            ["delay"] = new("Delay", Kind.Duration), ["mode"] = new("Mode"),
        },
        ["service"] = new(StringComparer.Ordinal)
        {
            ["name"] = new("Name"), ["provider"] = new("Provider"), ["port"] = new("PortLabel"), ["tags"] = new("Tags", Kind.Strings),
            ["meta"] = new("Meta", Kind.Map), ["address_mode"] = new("AddressMode"), ["task"] = new("TaskName"),
            ["check"] = new("Checks", Kind.Blocks, "check"),
        },
        ["check"] = new(StringComparer.Ordinal)
        {
            ["name"] = new("Name"), ["type"] = new("Type"), ["path"] = new("Path"), ["port"] = new("PortLabel"),
            ["method"] = new("Method"), ["protocol"] = new("Protocol"), ["interval"] = new("Interval", Kind.Duration),
            ["timeout"] = new("Timeout", Kind.Duration), ["initial_status"] = new("InitialStatus"), ["task"] = new("TaskName"),
            ["check_restart"] = new("CheckRestart", Kind.Block, "check_restart"),
        },
        ["check_restart"] = new(StringComparer.Ordinal)
        {
            ["limit"] = new("Limit", Kind.Int), ["grace"] = new("Grace", Kind.Duration), ["ignore_warnings"] = new("IgnoreWarnings", Kind.Bool),
        },
        ["task"] = new(StringComparer.Ordinal)
        {
            ["driver"] = new("Driver"), ["user"] = new("User"), ["config"] = new("Config", Kind.Raw), ["env"] = new("Env", Kind.Map),
            ["meta"] = new("Meta", Kind.Map), ["artifact"] = new("Artifacts", Kind.Blocks, "artifact"),
            ["template"] = new("Templates", Kind.Blocks, "template"), ["resources"] = new("Resources", Kind.Block, "resources"),
            ["kill_timeout"] = new("KillTimeout", Kind.Duration), ["kill_signal"] = new("KillSignal"),
            ["service"] = new("Services", Kind.Blocks, "service"),
        },
        ["artifact"] = new(StringComparer.Ordinal)
        {
            ["source"] = new("GetterSource"), ["destination"] = new("RelativeDest"), ["mode"] = new("GetterMode"),
            ["options"] = new("GetterOptions", Kind.Map), ["headers"] = new("GetterHeaders", Kind.Map),
        },
        ["template"] = new(StringComparer.Ordinal)
        {
            ["destination"] = new("DestPath"), ["data"] = new("EmbeddedTmpl"), ["source"] = new("SourcePath"),
            ["perms"] = new("Perms"), ["env"] = new("Envvars", Kind.Bool), ["change_mode"] = new("ChangeMode"),
            ["change_signal"] = new("ChangeSignal"), ["splay"] = new("Splay", Kind.Duration),
            ["left_delimiter"] = new("LeftDelim"), ["right_delimiter"] = new("RightDelim"),
        },
        ["resources"] = new(StringComparer.Ordinal)
        {
            ["cpu"] = new("CPU", Kind.Int), ["cores"] = new("Cores", Kind.Int),
            ["memory"] = new("MemoryMB", Kind.Int), ["memory_max"] = new("MemoryMaxMB", Kind.Int),
        },
    };

    /// <param name="label">The job block's label: the job ID when the block sets no <c>id</c>.</param>
    /// <param name="job">The job block's body with variables resolved (<see cref="JobFile.Resolve"/>).</param>
    /// <exception cref="InvalidDataException">A key this converter has no API name for, or a value of the wrong kind;
    /// the message names where.</exception>
    public static JsonObject From(string label, JsonObject job)
    {
        var api = Convert("job", job, $"job.{label}");
        api["ID"] ??= label;
        api["Name"] ??= api["ID"]!.DeepClone();
        return api;
    }

    private static JsonObject Convert(string block, JsonObject body, string where)
    {
        var fields = s_blocks[block];
        var api = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (!fields.TryGetValue(key, out var field))
            {
                throw new InvalidDataException($"{where}: '{key}' has no Nomad API name in ApiJob; add it there (with its name in the API's {block} object) before using it in a job file");
            }

            var at = $"{where}.{key}";
            switch (field.Kind)
            {
                case Kind.Ports:
                    foreach (var (portLabel, ports) in Object(value, at))
                    {
                        var port = new JsonObject { ["Label"] = portLabel };
                        foreach (var (name, portValue) in Convert("port", Single(ports, $"{at}.{portLabel}"), $"{at}.{portLabel}"))
                        {
                            port[name] = portValue?.DeepClone();
                        }

                        var list = port.ContainsKey("Value") ? "ReservedPorts" : "DynamicPorts";
                        ((api[list] ??= new JsonArray()).AsArray()).Add(port);
                    }

                    break;
                default:
                    api[field.Api] = Value(field, value, at);
                    break;
            }
        }

        if (block == "constraint")
        {
            api["Operand"] ??= "=";
        }

        return api;
    }

    private static JsonNode Value(Field field, JsonNode? value, string at) => field.Kind switch
    {
        Kind.String => Scalar(value, JsonValueKind.String, "text", at),
        Kind.Bool when value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.DeepClone(),
        Kind.Bool => throw Wrong(at, "true or false", value),
        Kind.Int when value?.GetValueKind() == JsonValueKind.Number && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        Kind.Int => throw Wrong(at, "a whole number", value),
        Kind.Duration => GoDuration.Nanoseconds(Scalar(value, JsonValueKind.String, "a duration", at).GetValue<string>()),
        Kind.Strings => new JsonArray([.. Array(value, at).Select((item, i) => Scalar(item, JsonValueKind.String, "text", $"{at}[{i}]"))]),
        Kind.Map => new JsonObject(Object(value, at).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Scalar(p.Value, JsonValueKind.String, "text", $"{at}.{p.Key}")))),
        Kind.Raw => Object(value, at).DeepClone(),
        Kind.Block => Convert(field.Of!, Single(value, at), at),
        Kind.Blocks => new JsonArray([.. Array(value, at).Select((item, i) => Convert(field.Of!, item as JsonObject ?? throw Wrong($"{at}[{i}]", "a block", item), $"{at}[{i}]"))]),
        Kind.Labelled => new JsonArray([.. Object(value, at).Select(p => Named(p.Key, Convert(field.Of!, Single(p.Value, $"{at}.{p.Key}"), $"{at}.{p.Key}")))]),
        _ => throw new InvalidOperationException($"{at}: no conversion for {field.Kind}"),
    };

    private static JsonObject Named(string name, JsonObject api)
    {
        var named = new JsonObject { ["Name"] = name };
        foreach (var (key, value) in api)
        {
            named[key] = value?.DeepClone();
        }

        return named;
    }

    private static JsonValue Scalar(JsonNode? value, JsonValueKind kind, string what, string at) =>
        value is JsonValue scalar && scalar.GetValueKind() == kind ? (JsonValue)scalar.DeepClone() : throw Wrong(at, what, value);

    private static JsonArray Array(JsonNode? value, string at) => value as JsonArray ?? throw Wrong(at, "a list", value);

    /// <summary>An object, written either as a map (<c>x = { … }</c>) or as one block (<c>x { … }</c>, which the
    /// parser gives as a one-element list).</summary>
    private static JsonObject Object(JsonNode? value, string at) => value switch
    {
        JsonObject obj => obj,
        JsonArray { Count: 1 } array when array[0] is JsonObject only => only,
        _ => throw Wrong(at, "a block or map", value),
    };

    private static JsonObject Single(JsonNode? value, string at) => value switch
    {
        JsonArray { Count: 1 } array when array[0] is JsonObject only => only,
        JsonArray array => throw new InvalidDataException($"{at}: written {array.Count} times; Nomad takes one"),
        _ => throw Wrong(at, "a block", value),
    };

    private static InvalidDataException Wrong(string at, string expected, JsonNode? value) =>
        new($"{at}: expected {expected}, found {value?.ToJsonString() ?? "null"}");
}
