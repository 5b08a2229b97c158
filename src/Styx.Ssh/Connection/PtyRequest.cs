using System.Collections.Immutable;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Connection;

/// <summary>A <c>pty-req</c> (RFC 4254 §6.2): terminal type, size and encoded terminal modes (§8).</summary>
public sealed record PtyRequest(string Term, TerminalSize Size, ImmutableDictionary<byte, uint> Modes)
{
    /// <summary>Terminals wider or taller than this are clamped (no real terminal is; a hostile one could ask).</summary>
    public const int MaxDimension = 2000;

    internal static PtyRequest Parse(ref SshReader reader)
    {
        var term = reader.ReadAsciiString();
        var size = ReadSize(ref reader);
        var modes = new SshReader(reader.ReadString());
        var parsed = ImmutableDictionary.CreateBuilder<byte, uint>();
        while (modes.Remaining > 0)
        {
            var opcode = modes.ReadByte();
            // TTY_OP_END; opcodes 160-255 are undefined and stop the parse (RFC 4254 §8).
            if (opcode is 0 or >= 160)
            {
                break;
            }

            parsed[opcode] = modes.ReadUInt32();
        }

        return new PtyRequest(term, size, parsed.ToImmutable());
    }

    internal static TerminalSize ReadSize(ref SshReader reader)
    {
        var columns = reader.ReadUInt32();
        var rows = reader.ReadUInt32();
        var width = reader.ReadUInt32();
        var height = reader.ReadUInt32();
        return new TerminalSize(Clamp(columns), Clamp(rows), (int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
    }

    private static int Clamp(uint value) => (int)Math.Min(value, MaxDimension);
}
