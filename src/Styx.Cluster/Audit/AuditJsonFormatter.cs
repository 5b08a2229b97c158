using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Serilog.Events;
using Serilog.Formatting;

namespace Styx.Cluster.Audit;

/// <summary>
/// Writes each audit event as one JSON object per line with the record's own field names (camelCase), so the audit
/// file reads the same with <c>jq</c> as the <c>--json</c> output does.
/// </summary>
internal sealed class AuditJsonFormatter : ITextFormatter
{
    internal const string PropertyName = "Audit";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Format(LogEvent logEvent, TextWriter output)
    {
        if (logEvent.Properties.TryGetValue(PropertyName, out var value) && value is ScalarValue { Value: AuditRecord record })
        {
            output.Write(JsonSerializer.Serialize(record, Json));
            output.Write('\n');
        }
    }

    internal static AuditRecord? Parse(string line) => JsonSerializer.Deserialize<AuditRecord>(line, Json);
}
