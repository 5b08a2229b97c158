using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Styx.Cluster.Audit;

/// <summary>
/// The audit log: a JSON-lines file written through Serilog (one object per line, flushed per record so a crash loses
/// nothing that was acknowledged), plus the most recent records in memory for the Activity screen.
/// </summary>
public sealed class SerilogAuditLog : IAuditLog, IDisposable
{
    /// <summary>How many records the Activity screen can page back through without reading the file.</summary>
    private const int RecentCapacity = 500;

    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("{Audit}");

    private readonly Logger _logger;
    private readonly Queue<AuditRecord> _recent = new();
    private readonly Lock _gate = new();

    public SerilogAuditLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Created here, mode 0600, before Serilog opens it: Serilog would create it with the process umask (0644 on
        // most systems), and the records name people, their keys and their addresses. An existing file keeps its mode.
        var create = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        new FileStream(path, create).Dispose();
        _logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(new AuditJsonFormatter(), path, flushToDiskInterval: null, buffered: false, shared: true)
            .CreateLogger();
        FilePath = path;
    }

    /// <summary>The file the records go to.</summary>
    public string FilePath { get; }

    public event Action<AuditRecord>? Written;

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _logger.Write(new LogEvent(
                record.Time,
                LogEventLevel.Information,
                exception: null,
                Template,
                [new LogEventProperty(AuditJsonFormatter.PropertyName, new ScalarValue(record))]));
            _recent.Enqueue(record);
            while (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }

        try
        {
            Written?.Invoke(record);
        }
        catch (Exception)
        {
            // A misbehaving listener (a closing screen) must not fail the command that was audited.
        }
    }

    public IReadOnlyList<AuditRecord> Recent(int count)
    {
        lock (_gate)
        {
            return _recent.Skip(Math.Max(0, _recent.Count - count)).ToArray();
        }
    }

    public void Dispose() => _logger.Dispose();
}
