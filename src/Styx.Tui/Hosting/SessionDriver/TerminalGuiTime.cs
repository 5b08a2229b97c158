using Terminal.Gui.Time;
using ITimer = Terminal.Gui.Time.ITimer;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>Terminal.Gui's clock (timeouts, key-sequence timing) backed by the server's injected <see cref="TimeProvider"/>.</summary>
internal sealed class TerminalGuiTime(TimeProvider time) : ITimeProvider
{
    public DateTime Now => time.GetLocalNow().DateTime;

    public Task Delay(TimeSpan duration, CancellationToken cancellationToken = default) => Task.Delay(duration, time, cancellationToken);

    public ITimer CreateTimer(TimeSpan interval, Action callback) => new Timer(time, interval, callback);

    private sealed class Timer(TimeProvider time, TimeSpan interval, Action callback) : ITimer
    {
        private System.Threading.ITimer? _timer;

        public bool IsRunning => _timer is not null;

        public void Start() => _timer ??= time.CreateTimer(_ => callback(), null, interval, interval);

        public void Stop()
        {
            _timer?.Dispose();
            _timer = null;
        }

        public void Dispose() => Stop();
    }
}
