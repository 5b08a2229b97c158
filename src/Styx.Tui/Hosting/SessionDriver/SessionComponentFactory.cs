using System.Collections.Concurrent;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>Hands Terminal.Gui the session's own input, output and size monitor instead of the process's console.</summary>
internal sealed class SessionComponentFactory(SessionInput input, SessionOutput output, HostSizeMonitor sizeMonitor, IterationPacer pacer) : ComponentFactoryImpl<char>
{
    /// <summary>Paces the main loop of the application these components serve.</summary>
    public IterationPacer Pacer => pacer;

    /// <summary>The session's input, told when each iteration starts so a waiting reader can go on.</summary>
    public SessionInput Input => input;

    public override string GetDriverName() => "ssh-session";

    public override IInput<char> CreateInput() => input;

    public override IInputProcessor CreateInputProcessor(ConcurrentQueue<char> inputBuffer, ITimeProvider? timeProvider) =>
        new AnsiInputProcessor(inputBuffer, timeProvider);

    public override ISizeMonitor CreateSizeMonitor(IOutput consoleOutput, IOutputBuffer outputBuffer) => sizeMonitor;

    public override IOutput CreateOutput() => output;
}
