using System.Reflection;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// Creates a Terminal.Gui application bound to one session's input, output and size instead of the process console.
/// Terminal.Gui 2.5.0 has no public way to hand <c>Application.Create()</c> a component factory, so this writes the
/// one private field it reads (<c>ApplicationImpl._componentFactory</c>); the version is pinned exactly and a test
/// fails loudly if the field goes away (terminal-gui-over-ssh.md §1).
/// </summary>
internal static class SessionApplication
{
    private static readonly FieldInfo? FactoryField = typeof(IApplication).Assembly
        .GetType("Terminal.Gui.App.ApplicationImpl")?
        .GetField("_componentFactory", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>True when the running Terminal.Gui still has the field this class sets.</summary>
    public static bool IsSupported => FactoryField is not null && FactoryField.FieldType == typeof(IComponentFactory);

    /// <summary>A created and initialised application; the caller owns it and must dispose it on the same thread.</summary>
    public static IApplication Create(SessionComponentFactory factory, TimeProvider time)
    {
        if (!IsSupported)
        {
            throw new InvalidOperationException("this Terminal.Gui has no ApplicationImpl._componentFactory; Styx needs Terminal.Gui 2.5.0 exactly");
        }

        if (!ProcessSettings.Applied)
        {
            throw new InvalidOperationException("Terminal.Gui's process settings are applied at server start (ProcessSettings.Apply), before any session");
        }

        var app = Application.Create(new TerminalGuiTime(time));
        FactoryField!.SetValue(app, factory);
        try
        {
            app.Init();
            // Never the host's clipboard, and no per-session `which xclip`: each session gets its own.
            app.Driver!.Clipboard = new FakeClipboard();
            // Esc backs out in Styx; ctrl+z must not try to suspend anything. These bindings are per application.
            app.Keyboard.KeyBindings.Remove(Terminal.Gui.Input.Key.Z.WithCtrl);
            // Terminal.Gui's own pacing is off process-wide (ProcessSettings); each session paces itself.
            app.Iteration += (_, _) =>
            {
                factory.Input.IterationStarting();
                factory.Pacer.WaitForTurn();
            };
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }
}
