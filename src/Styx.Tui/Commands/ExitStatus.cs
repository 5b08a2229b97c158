namespace Styx.Tui.Commands;

/// <summary>Exit statuses of one-shot commands (DESIGN.md §6), so scripts can tell failures apart.</summary>
public static class ExitStatus
{
    public const int Ok = 0;

    /// <summary>Nomad (or another cluster API) failed or is unreachable, or the server failed.</summary>
    public const int ClusterError = 1;

    /// <summary>The command was typed wrong: unknown command, missing or bad argument.</summary>
    public const int Usage = 2;

    /// <summary>The caller's role does not allow it, or Nomad refused the token.</summary>
    public const int PermissionDenied = 3;

    /// <summary>The job, allocation, node or service does not exist.</summary>
    public const int NotFound = 4;
}
