namespace Styx.Demo.Model;

/// <summary>A burst of log lines for one job: its rate and the fraction of a line owed from the last tick.</summary>
internal sealed class DemoLogBurst(int linesPerSecond)
{
    private double _owed;

    /// <summary>Which allocation gets the remainder next, so an uneven split evens out over ticks.</summary>
    public int Turn { get; set; }

    /// <summary>The whole lines due for <paramref name="elapsed"/>; the fraction is carried to the next tick.</summary>
    public int Owe(TimeSpan elapsed)
    {
        _owed += linesPerSecond * elapsed.TotalSeconds;
        var whole = (int)Math.Floor(_owed);
        _owed -= whole;
        return whole;
    }
}
