namespace Styx.Ssh.Connection;

/// <summary>What the host does with a session: run a shell or a command and return its exit status.</summary>
public interface ISshSessionHandler
{
    Task<int> RunAsync(SshSession session, CancellationToken cancellationToken);
}
