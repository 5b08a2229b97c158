namespace Styx.Cluster.Commands;

/// <summary>
/// Thrown inside a command when Styx's role check refuses it after a read (an allocation's job turned out to be a
/// platform service); becomes a Refused result audited as refused, like a refusal before any request. Nomad's own
/// 403 is not this: that is a failure of a command Styx allowed.
/// </summary>
internal sealed class CommandRefusedException(string message) : Exception(message);
