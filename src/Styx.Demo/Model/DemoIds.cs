namespace Styx.Demo.Model;

/// <summary>UUID-shaped IDs like Nomad's (8-4-4-4-12 hex), drawn from the seeded random so a seed gives stable IDs.</summary>
internal sealed class DemoIds(Random random)
{
    public string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
