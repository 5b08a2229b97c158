using Serilog.Core;
using Serilog.Events;
using Styx.Cluster.Text;

namespace Styx.Tui.Logging;

/// <summary>
/// Makes the control characters of every string property visible before any sink renders the event, so no log call
/// can write an outside value (an exec command line, a job name, Nomad's error text, an SSH user or client version)
/// that starts a line of its own: a forged <c>[00:00:00 INF] …</c> line shows as one line with <c>␊</c> in it.
/// Doing it here covers every log call, including the ones written after this.
/// </summary>
internal sealed class ControlCharacterEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var visible = Visible(value);
            if (!ReferenceEquals(visible, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, visible));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    private static LogEventPropertyValue Visible(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var shown = ControlCharacters.MakeVisible(text);
                return ReferenceEquals(shown, text) ? value : new ScalarValue(shown);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Visible).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Visible(p.Value))).ToList();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value))
                    ? value
                    : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Visible(e.Value))).ToList();
                return entries.Select(e => e.Value).SequenceEqual(dictionary.Elements.Values) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
