namespace Styx.Ssh.Connection;

/// <summary>A terminal's size in characters and pixels (RFC 4254 §6.2, §6.7).</summary>
public readonly record struct TerminalSize(int Columns, int Rows, int PixelWidth = 0, int PixelHeight = 0);
