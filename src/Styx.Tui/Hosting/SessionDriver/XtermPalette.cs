namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// Maps 24-bit colours to the nearest entry of the xterm 256-colour palette (the 6×6×6 cube or the 24-step grey
/// ramp) and of the 16 ANSI colours, for terminals that show no more.
/// </summary>
internal static class XtermPalette
{
    private static readonly int[] CubeLevels = [0, 95, 135, 175, 215, 255];

    // The usual xterm defaults for the 16 ANSI colours, in SGR order 30..37 then 90..97.
    private static readonly (int R, int G, int B)[] Ansi16 =
    [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ];

    /// <summary>The palette index (16–255) nearest to the colour.</summary>
    public static int Nearest256(int r, int g, int b)
    {
        var (ri, gi, bi) = (CubeIndex(r), CubeIndex(g), CubeIndex(b));
        var cube = 16 + (36 * ri) + (6 * gi) + bi;
        var cubeDistance = Distance(r, g, b, CubeLevels[ri], CubeLevels[gi], CubeLevels[bi]);
        var average = (r + g + b) / 3;
        var greyStep = Math.Clamp((average - 8 + 5) / 10, 0, 23);
        var grey = 8 + (10 * greyStep);
        return Distance(r, g, b, grey, grey, grey) < cubeDistance ? 232 + greyStep : cube;
    }

    /// <summary>The ANSI colour (0–15; 8–15 are the bright ones) nearest to the colour.</summary>
    public static int Nearest16(int r, int g, int b)
    {
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < Ansi16.Length; i++)
        {
            var distance = Distance(r, g, b, Ansi16[i].R, Ansi16[i].G, Ansi16[i].B);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }

        return best;
    }

    private static int CubeIndex(int value) => value < 48 ? 0 : value < 115 ? 1 : (value - 35) / 40;

    private static int Distance(int r1, int g1, int b1, int r2, int g2, int b2) =>
        ((r1 - r2) * (r1 - r2)) + ((g1 - g2) * (g1 - g2)) + ((b1 - b2) * (b1 - b2));
}
