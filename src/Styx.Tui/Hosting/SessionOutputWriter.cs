using System.Text;
using Styx.Cluster.Text;
using Styx.Ssh.Connection;

namespace Styx.Tui.Hosting;

/// <summary>
/// An exec command's stdout or stderr: text collects here and goes to the client at each <see cref="FlushAsync(CancellationToken)"/>.
/// Most commands flush once, at the end; <c>logs --follow</c> flushes after each batch of lines, and the flush waits for
/// the client's window, so a client that reads slowly holds back the command (whose own buffer drops old lines) and
/// never makes this writer grow.
/// </summary>
/// <remarks>
/// Every flush is the net under all exec output: only our own line feeds reach the client's terminal as control
/// characters (<see cref="ControlCharacters.MakeVisibleKeepingLines"/>), whatever the command printed. With a pty the
/// client's terminal needs CR LF; without one, output stays byte-exact for pipes.
/// </remarks>
internal sealed class SessionOutputWriter(SshSession session, bool isError) : TextWriter
{
    private readonly StringBuilder _pending = new();

    // A rolling restart reports progress from another thread while the command may be writing too.
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _pending.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _pending.Append(value);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_lock)
        {
            _pending.Append(buffer);
        }
    }

    public override void WriteLine(string? value) => Write(value + "\n");

    public override void WriteLine() => Write('\n');

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => FlushAsync(CancellationToken.None);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        string text;
        lock (_lock)
        {
            if (_pending.Length == 0)
            {
                return;
            }

            text = ControlCharacters.MakeVisibleKeepingLines(_pending.ToString());
            _pending.Clear();
        }

        if (session.Pty is not null)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        await (isError ? session.WriteErrorAsync(bytes, cancellationToken) : session.WriteAsync(bytes, cancellationToken)).ConfigureAwait(false);
    }
}
