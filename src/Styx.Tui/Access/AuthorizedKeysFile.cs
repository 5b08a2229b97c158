using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Styx.Tui.Access;

/// <summary>
/// The live contents of <c>keys/authorized_keys</c>. It is re-read when the file changes, so a key added or removed
/// applies to the next login without a restart; sessions already open keep the role they logged in with.
/// </summary>
/// <remarks>
/// Reads are lock-free (<see cref="Current"/> is an immutable snapshot swapped atomically). A reload that fails to
/// read the file keeps the previous snapshot; a reload that reads it applies it even when some lines are bad (those
/// lines are logged with their numbers and skipped), because a typo on one line must not lock everyone else out.
/// </remarks>
public sealed class AuthorizedKeysFile : IDisposable
{
    /// <summary>Editors write a file in several steps; wait for them to settle before re-reading.</summary>
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _timerGate = new();
    private ITimer? _reloadTimer;
    private AuthorizedKeysParseResult _current = new([], []);

    public AuthorizedKeysFile(string path, ILogger logger, TimeProvider time, bool watch = true)
    {
        FilePath = Path.GetFullPath(path);
        _logger = logger;
        _time = time;
        Reload();
        if (watch)
        {
            var directory = Path.GetDirectoryName(FilePath)!;
            Directory.CreateDirectory(directory);
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(FilePath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    public string FilePath { get; }

    /// <summary>The keys as of the last successful read.</summary>
    public ImmutableArray<AuthorizedKey> Keys => Volatile.Read(ref _current).Keys;

    /// <summary>The lines skipped at the last read.</summary>
    public ImmutableArray<AuthorizedKeysError> Errors => Volatile.Read(ref _current).Errors;

    /// <summary>Raised after each reload (on a timer thread).</summary>
    public event Action? Reloaded;

    /// <summary>The entry for the key with this blob, if it is authorized.</summary>
    public AuthorizedKey? Find(ReadOnlySpan<byte> blob)
    {
        foreach (var key in Keys)
        {
            if (blob.SequenceEqual(key.Blob.AsSpan()))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Re-reads the file now. A missing file means no keys.</summary>
    public void Reload()
    {
        string text;
        try
        {
            text = File.Exists(FilePath) ? File.ReadAllText(FilePath) : "";
        }
        catch (IOException ex)
        {
            _logger.LogWarning("Could not read {AuthorizedKeys} ({Reason}); keeping the {Count} keys read before", FilePath, ex.Message, Keys.Length);
            return;
        }
        catch (UnauthorizedAccessException ex)
        {
            _logger.LogWarning("Could not read {AuthorizedKeys} ({Reason}); keeping the {Count} keys read before", FilePath, ex.Message, Keys.Length);
            return;
        }

        var result = AuthorizedKeysParser.Parse(text);
        foreach (var error in result.Errors)
        {
            _logger.LogWarning("{AuthorizedKeys} line {Line} skipped: {Reason}", FilePath, error.LineNumber, error.Message);
        }

        Volatile.Write(ref _current, result);
        _logger.LogInformation("Loaded {Count} authorized keys from {AuthorizedKeys} ({Skipped} lines skipped)", result.Keys.Length, FilePath, result.Errors.Length);
        Reloaded?.Invoke();
    }

    private void ScheduleReload()
    {
        lock (_timerGate)
        {
            _reloadTimer?.Dispose();
            _reloadTimer = _time.CreateTimer(_ => Reload(), null, ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        lock (_timerGate)
        {
            _reloadTimer?.Dispose();
        }
    }
}
