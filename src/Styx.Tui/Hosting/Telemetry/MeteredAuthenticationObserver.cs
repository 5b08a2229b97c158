using Styx.Ssh.Authentication;

namespace Styx.Tui.Hosting.Telemetry;

/// <summary>Counts every refused authentication attempt by reason (<c>styx_ssh_auth_failures_total</c>), then hands it on.</summary>
internal sealed class MeteredAuthenticationObserver(IAuthenticationObserver inner, StyxMetrics metrics) : IAuthenticationObserver
{
    public ValueTask OnFailureAsync(AuthenticationFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        metrics.AuthenticationFailed(failure.Reason);
        return inner.OnFailureAsync(failure, cancellationToken);
    }
}
