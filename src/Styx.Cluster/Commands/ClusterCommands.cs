using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;

namespace Styx.Cluster.Commands;

/// <summary>
/// Every change Styx makes to the cluster, from the UI and from exec commands alike: the one place roles are checked
/// (before any request), the one place each role's Nomad token is chosen, and the one place each command is audited
/// (exactly one record per command: succeeded, refused or failed). The command families live in the other parts.
/// </summary>
public sealed partial class ClusterCommands(
    NomadClientSet clients,
    PlatformCatalog catalog,
    IAuditLog audit,
    ClusterCommandsOptions options,
    TimeProvider time,
    ILogger<ClusterCommands> logger)
{
    /// <summary>
    /// Runs one command: refuses it without any request when the role does not allow it; otherwise runs
    /// <paramref name="work"/> with the role's Nomad API and turns every failure into a result with a clear message.
    /// </summary>
    private async Task<CommandResult> RunAsync(
        Caller caller,
        ClusterAction action,
        string target,
        ImmutableDictionary<string, string> arguments,
        Func<INomadApi, CancellationToken, Task<string>> work,
        CancellationToken cancellationToken)
    {
        if (Refusal(caller, action, target, arguments) is { } refused)
        {
            return refused;
        }

        CommandResult result;
        try
        {
            result = CommandResult.Ok(await work(clients.For(caller.Role).Api, cancellationToken).ConfigureAwait(false));
        }
        catch (CommandInputException ex)
        {
            result = new CommandResult(ex.Outcome, ex.Message);
        }
        catch (NomadPermissionDeniedException ex)
        {
            result = new CommandResult(CommandOutcome.Refused, $"Nomad refused {caller.Role.ToName()}'s token: {ex.NomadMessage}");
        }
        catch (NomadNotFoundException ex)
        {
            result = new CommandResult(CommandOutcome.NotFound, $"{target}: {ex.NomadMessage}");
        }
        catch (NomadBadRequestException ex)
        {
            result = new CommandResult(CommandOutcome.Invalid, $"Nomad rejected it: {ex.NomadMessage}");
        }
        catch (NomadException ex)
        {
            result = new CommandResult(CommandOutcome.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Audit(caller, action, target, arguments, AuditOutcome.Failed, "cancelled");
            throw;
        }

        Audit(caller, action, target, arguments, result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed, result.Succeeded ? null : result.Message);
        return result;
    }

    /// <summary>
    /// For a front end about to offer an action (a dialog, a confirmation): null when the caller's role allows it;
    /// otherwise the refusal, audited like any refused command, so an attempt refused in the UI is on record too.
    /// </summary>
    public CommandResult? Authorize(Caller caller, ClusterAction action, string target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Refusal(caller, action, target, ImmutableDictionary<string, string>.Empty);
    }

    /// <summary>The refusal (audited) when the caller's role may not take <paramref name="action"/>; null when it may.</summary>
    private CommandResult? Refusal(Caller caller, ClusterAction action, string target, ImmutableDictionary<string, string> arguments)
    {
        if (RolePolicy.Allows(caller.Role, action))
        {
            return null;
        }

        var required = RolePolicy.RequiredRole(action).ToName();
        var refusal = $"{caller.Role.ToName()} may not {Describe(action)}: it needs the {required} role";
        Audit(caller, action, target, arguments, AuditOutcome.Refused, refusal);
        return new CommandResult(CommandOutcome.Refused, refusal);
    }

    private void Audit(Caller caller, ClusterAction action, string target, ImmutableDictionary<string, string> arguments, AuditOutcome outcome, string? error)
    {
        audit.Write(new AuditRecord(
            time.GetUtcNow(),
            caller.User,
            caller.KeyFingerprint,
            caller.Role.ToName(),
            caller.SourceAddress?.ToString(),
            ActionName(action),
            target,
            arguments,
            outcome,
            error));
        if (outcome != AuditOutcome.Succeeded)
        {
            logger.LogInformation("{User} ({Role}) {Action} {Target}: {Outcome} {Error}", caller.User, caller.Role.ToName(), ActionName(action), target, outcome, error);
        }
    }

    /// <summary>The action's name in the audit log, e.g. <c>job.scale</c>.</summary>
    public static string ActionName(ClusterAction action) => action switch
    {
        ClusterAction.JobStart => "job.start",
        ClusterAction.JobStop => "job.stop",
        ClusterAction.JobPurge => "job.purge",
        ClusterAction.JobScale => "job.scale",
        ClusterAction.JobRestart => "job.restart",
        ClusterAction.JobRevert => "job.revert",
        ClusterAction.AllocationRestart => "alloc.restart",
        ClusterAction.AllocationStop => "alloc.stop",
        ClusterAction.NodeDrain => "node.drain",
        ClusterAction.NodeEligibility => "node.eligibility",
        ClusterAction.PlatformServiceStart => "service.start",
        ClusterAction.PlatformServiceStop => "service.stop",
        ClusterAction.ActivityRead => "activity.read",
        _ => action.ToString(),
    };

    private static string Describe(ClusterAction action) => action switch
    {
        ClusterAction.JobStart => "start jobs",
        ClusterAction.JobStop => "stop jobs",
        ClusterAction.JobPurge => "purge jobs",
        ClusterAction.JobScale => "scale jobs",
        ClusterAction.JobRestart => "restart jobs",
        ClusterAction.JobRevert => "revert jobs",
        ClusterAction.AllocationRestart => "restart allocations",
        ClusterAction.AllocationStop => "stop allocations",
        ClusterAction.NodeDrain => "drain nodes",
        ClusterAction.NodeEligibility => "change node eligibility",
        ClusterAction.PlatformServiceStart => "start platform services",
        ClusterAction.PlatformServiceStop => "stop platform services",
        ClusterAction.ActivityRead => "read the activity log",
        _ => action.ToString(),
    };

    private static ImmutableDictionary<string, string> Args(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a job, turning Nomad's 404 into a message that says what to type.</summary>
    private static async Task<Job> ReadJobAsync(INomadApi api, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.GetJobAsync(jobId, null, null, cancellationToken).ConfigureAwait(false)).Body();
        }
        catch (NomadNotFoundException)
        {
            throw CommandInputException.NotFound($"no job \"{jobId}\"; `jobs` lists them");
        }
    }

    private static void RequireName(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw CommandInputException.Invalid($"{what} is empty");
        }
    }
}
