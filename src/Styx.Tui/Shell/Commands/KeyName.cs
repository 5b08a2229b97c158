using System.Globalization;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// The name of a key as the command table and the help write it: the character for printable keys (<c>j</c>,
/// <c>G</c>, <c>?</c>), <c>Space</c>, names for the others (<c>Down</c>, <c>PgDn</c>, <c>Enter</c>, <c>Esc</c>) and
/// <c>Ctrl+</c> for chords. Keys with no name (alt chords, function keys) do nothing in Styx.
/// </summary>
internal static class KeyName
{
    public static string? Of(Key key)
    {
        if (key.IsAlt)
        {
            return null;
        }

        var code = key.KeyCode & ~KeyCode.ShiftMask & ~KeyCode.CtrlMask & ~KeyCode.AltMask;
        if (key.IsCtrl)
        {
            return code is >= KeyCode.A and <= KeyCode.Z ? "Ctrl+" + ((char)code).ToString(CultureInfo.InvariantCulture) : null;
        }

        var named = code switch
        {
            KeyCode.CursorDown => "Down",
            KeyCode.CursorUp => "Up",
            KeyCode.CursorLeft => "Left",
            KeyCode.CursorRight => "Right",
            KeyCode.PageDown => "PgDn",
            KeyCode.PageUp => "PgUp",
            KeyCode.Home => "Home",
            KeyCode.End => "End",
            KeyCode.Enter => "Enter",
            KeyCode.Esc => "Esc",
            KeyCode.Tab => "Tab",
            KeyCode.Backspace => "Backspace",
            KeyCode.Delete => "Delete",
            KeyCode.Space => "Space",
            _ => null,
        };
        if (named is not null)
        {
            return named;
        }

        var rune = key.AsRune;
        return rune.Value > ' ' && rune.Value != 0x7f ? rune.ToString() : null;
    }
}
