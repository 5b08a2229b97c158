namespace Styx.Cluster.Loki;

/// <summary>Loki's <c>direction</c>: newest lines first (Loki's default) or oldest first.</summary>
public enum LokiDirection
{
    Backward,
    Forward,
}
