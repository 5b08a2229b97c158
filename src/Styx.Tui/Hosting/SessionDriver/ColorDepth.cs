namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>How many colours a session's terminal shows; chosen per session from the client's <c>TERM</c>.</summary>
internal enum ColorDepth
{
    /// <summary>Text styles only (bold, reverse): <c>NO_COLOR</c>, <c>vt100</c>-class terminals.</summary>
    Mono,

    /// <summary>The 16 ANSI colours (<c>xterm</c>, <c>screen</c>, <c>linux</c>).</summary>
    Color16,

    /// <summary>The xterm 256-colour palette (<c>*-256color</c>).</summary>
    Color256,

    /// <summary>24-bit colour (<c>*-direct</c>, <c>*truecolor*</c>, or <c>COLORTERM=truecolor</c> when the client sends it).</summary>
    TrueColor,
}
