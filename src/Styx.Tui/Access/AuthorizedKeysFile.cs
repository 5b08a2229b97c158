using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Styx.Ssh.HostKeys;

namespace Styx.Tui.Access;

/// <summary>
/// The live contents of <c>keys/authorized_keys</c>. It is re-read when the file changes, so a key added or removed
/// applies to the next login without a restart; sessions already open keep the role they logged in with.
/// </summary>
/// <remarks>
/// <para>Reads are lock-free (<see cref="Keys"/> come from an immutable snapshot swapped atomically). A reload that fails
/// to read the file, or finds it writable by others (<see cref="StrictModes"/>), keeps the previous snapshot and logs an
/// error; a reload that reads it applies it even when some lines are bad (those lines are logged with their numbers and
/// skipped), because a typo on one line must not lock everyone else out. At start, a file writable by others is an
/// exception instead: there are no previous keys to keep, and the server should not start as if there were no keys.</para>
/// <para>Two things notice a change. A watcher on the file's directory reloads soon after an edit, a rename over the
/// file, or a <c>chmod</c>. A periodic check reads the file through the path (so through any symlinks) and applies it
/// when its contents or mode differ from the last read, because a file published by swapping a symlink — Kubernetes
/// secret volumes and tools that copy their layout re-point <c>..data</c>, and the link may lead into another
/// directory — changes nothing a watcher on this path sees. Comparing contents, not size and time, also catches a
/// swap to a file of the same size written in the same second, or copied with its old time.</para>
/// </remarks>
public sealed class AuthorizedKeysFile : IDisposable
{
    /// <summary>Editors write a file in several steps; wait for them to settle before re-reading.</summary>
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the periodic check reads the file: the longest a symlink swap waits to apply. One small
    /// read per interval for the whole server.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _checkTimer;
    private readonly Lock _timerGate = new();
    private readonly Lock _reloadGate = new();
    private ITimer? _reloadTimer;
    private bool _forcePending;
    private FileVersion? _lastRead;
    private bool _started;
    private AuthorizedKeysParseResult _current = new([], []);

    /// <exception cref="InvalidDataException">The file is group- or world-writable (<see cref="StrictModes"/>); the
    /// message names it, its mode and the chmod that fixes it.</exception>
    public AuthorizedKeysFile(string path, ILogger logger, TimeProvider time, bool watch = true, TimeSpan? checkInterval = null)
    {
        FilePath = Path.GetFullPath(path);
        _logger = logger;
        _time = time;
        if (Load(force: true) is { } refused)
        {
            throw refused;
        }

        _started = true;
        if (watch)
        {
            var directory = Path.GetDirectoryName(FilePath)!;
            Directory.CreateDirectory(directory);
            var name = Path.GetFileName(FilePath);

            // The whole directory, not only this name: a swap of a ..data symlink beside the file is a rename of
            // another name. Events for other names reload only if the file the path leads to has changed.
            _watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size |
                               NotifyFilters.CreationTime | NotifyFilters.Attributes,
            };
            void OnEvent(string? changed) => ScheduleReload(force: string.Equals(changed, name, StringComparison.Ordinal));
            _watcher.Changed += (_, e) => OnEvent(e.Name);
            _watcher.Created += (_, e) => OnEvent(e.Name);
            _watcher.Deleted += (_, e) => OnEvent(e.Name);
            _watcher.Renamed += (_, e) => ScheduleReload(force: e.Name == name || e.OldName == name);
            _watcher.EnableRaisingEvents = true;
            var interval = checkInterval ?? DefaultCheckInterval;
            _checkTimer = _time.CreateTimer(_ => Load(force: false), null, interval, interval);
        }
    }

    public string FilePath { get; }

    /// <summary>The keys as of the last successful read.</summary>
    public ImmutableArray<AuthorizedKey> Keys => Volatile.Read(ref _current).Keys;

    /// <summary>The lines skipped at the last read.</summary>
    public ImmutableArray<AuthorizedKeysError> Errors => Volatile.Read(ref _current).Errors;

    /// <summary>Raised after each reload that applied the file (on a timer thread).</summary>
    public event Action? Reloaded;

    /// <summary>Raised when a reload kept the previous keys because the file could not be used (on a timer thread).</summary>
    public event Action<string>? Refused;

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

    /// <summary>
    /// Appends <paramref name="text"/> to the keys file at <paramref name="path"/>, creating it (and its directory)
    /// with mode 0600 if it does not exist: created with the umask, a file could come out group-writable (umask 002),
    /// and <see cref="StrictModes"/> would then refuse the file Styx itself wrote. An existing file keeps its mode.
    /// </summary>
    public static void Append(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Re-reads the file now. A missing file means no keys.</summary>
    public void Reload() => Load(force: true);

    /// <summary>Reads and applies the file; with <paramref name="force"/> false, only if its contents or mode differ
    /// from the last attempt (so an unusable file is reported once per change, not at every check).</summary>
    /// <returns>The StrictModes refusal, if that is why the previous keys were kept.</returns>
    private InvalidDataException? Load(bool force)
    {
        lock (_reloadGate)
        {
            string text;
            try
            {
                using var file = File.Exists(FilePath) ? File.OpenHandle(FilePath) : null;
                var bytes = file is null ? [] : ReadAll(file);
                var version = new FileVersion(Convert.ToHexString(SHA256.HashData(bytes)), file is null || OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(file));
                if (!force && version == _lastRead)
                {
                    return null;
                }

                _lastRead = version;
                if (file is not null)
                {
                    // Checked on the handle the text was read from, so the file cannot be swapped in between.
                    StrictModes.Check(file, FilePath, "another user could add a login key");
                }

                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
                text = reader.ReadToEnd();
            }
            catch (InvalidDataException ex)
            {
                // At start the caller reports it (and the server does not start); later there are keys to keep.
                if (_started)
                {
                    _logger.LogError("{Reason}; keeping the {Count} keys read before", ex.Message, Keys.Length);
                    Refused?.Invoke(ex.Message);
                }

                return ex;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var failure = new FileVersion("unreadable: " + ex.Message, 0);
                if (!force && failure == _lastRead)
                {
                    return null;
                }

                _lastRead = failure;
                _logger.LogError("Could not read {AuthorizedKeys} ({Reason}); keeping the {Count} keys read before", FilePath, ex.Message, Keys.Length);
                Refused?.Invoke(ex.Message);
                return null;
            }

            var result = AuthorizedKeysParser.Parse(text);
            foreach (var error in result.Errors)
            {
                _logger.LogWarning("{AuthorizedKeys} line {Line} skipped: {Reason}", FilePath, error.LineNumber, error.Message);
            }

            Volatile.Write(ref _current, result);
            _logger.LogInformation("Loaded {Count} authorized keys from {AuthorizedKeys} ({Skipped} lines skipped)", result.Keys.Length, FilePath, result.Errors.Length);
            Reloaded?.Invoke();
            return null;
        }
    }

    private static byte[] ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        var bytes = new byte[RandomAccess.GetLength(file)];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), read) is > 0 and var n)
        {
            read += n;
        }

        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>Reloads once events stop for <see cref="ReloadDelay"/>; forced if any of them named the file.</summary>
    private void ScheduleReload(bool force)
    {
        lock (_timerGate)
        {
            _forcePending |= force;
            _reloadTimer?.Dispose();
            _reloadTimer = _time.CreateTimer(_ => Load(TakeForcePending()), null, ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private bool TakeForcePending()
    {
        lock (_timerGate)
        {
            var force = _forcePending;
            _forcePending = false;
            return force;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _checkTimer?.Dispose();
        lock (_timerGate)
        {
            _reloadTimer?.Dispose();
        }
    }

    /// <summary>What the periodic check compares: the contents' SHA-256 and the mode.</summary>
    private readonly record struct FileVersion(string Sha256, UnixFileMode Mode);
}
