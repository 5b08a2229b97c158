using System.Collections.Concurrent;
using System.Text;
using Terminal.Gui.Drivers;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// Terminal.Gui's input for one SSH session: the host pushes the channel's bytes, decoded as UTF-8 with a stateful
/// decoder (a character split across two SSH packets stays whole), straight into Terminal.Gui's raw-input queue, which
/// the session's UI thread drains each iteration, woken at once by the <see cref="IterationPacer"/>. Nothing polls: <see cref="Run"/> returns at once, so a session costs
/// one thread, not two (terminal-gui-over-ssh.md §2).
/// </summary>
internal sealed class SessionInput(IterationPacer pacer) : IInput<char>, ITestableInput<char>
{
    /// <summary>
    /// Characters the UI may have waiting before the host stops reading the channel. The SSH window is granted again
    /// only as the channel is read, so a client typing (or pasting) faster than the app consumes is held to this plus
    /// one SSH window: 160 MiB of keys once took a server from 785 MB to 1.3 GB when this was unbounded.
    /// </summary>
    public const int MaxQueued = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly List<char> _early = [];
    private ConcurrentQueue<char>? _queue;
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenSource? ExternalCancellationTokenSource { get; set; }

    public void Initialize(ConcurrentQueue<char> inputQueue)
    {
        lock (_gate)
        {
            _queue = inputQueue;
            foreach (var c in _early)
            {
                inputQueue.Enqueue(c);
            }

            _early.Clear();
        }
    }

    /// <summary>Returns at once: input arrives through <see cref="Push"/>, not by polling.</summary>
    public void Run(CancellationToken runCancellationToken)
    {
    }

    /// <summary>Bytes from the SSH channel, in order; pushed whole so an escape sequence is never split in time.</summary>
    public void Push(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            // Counting reads the decoder's pending bytes too, so it belongs under the same lock as the decoding.
            var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
            var count = _decoder.GetChars(bytes, chars, flush: false);
            for (var i = 0; i < count; i++)
            {
                Enqueue(chars[i]);
            }
        }

        pacer.Wake();
    }

    /// <summary>Characters pushed and not yet taken by the UI.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return (_queue?.Count ?? 0) + _early.Count;
            }
        }
    }

    /// <summary>Completes once fewer than <see cref="MaxQueued"/> characters wait for the UI (at once if so now).</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task room;
        lock (_gate)
        {
            if ((_queue?.Count ?? 0) + _early.Count < MaxQueued)
            {
                return Task.CompletedTask;
            }

            if (_room.Task.IsCompleted)
            {
                _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            room = _room.Task;
        }

        return room.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Called on the UI thread at the start of each iteration, after the last one drained the queue: lets a waiting
    /// reader take more from the channel.
    /// </summary>
    public void IterationStarting()
    {
        lock (_gate)
        {
            if ((_queue?.Count ?? 0) < MaxQueued)
            {
                _room.TrySetResult();
            }
        }
    }

    public void InjectInput(char input)
    {
        lock (_gate)
        {
            Enqueue(input);
        }

        pacer.Wake();
    }

    private void Enqueue(char c)
    {
        if (_queue is null)
        {
            _early.Add(c);
        }
        else
        {
            _queue.Enqueue(c);
        }
    }

    public void Dispose()
    {
    }
}
