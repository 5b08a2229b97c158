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
/// <remarks>
/// Job and allocation commands act in a namespace: the one given, else <see cref="DefaultNamespace"/>. A job ID names
/// a job only within its namespace, so <c>stop web</c> in <c>staging</c> stops staging's web; an allocation ID is
/// global, and a namespace given with one must be the allocation's. The audit record names the namespace whenever it
/// is not <c>default</c>. The platform rule (a job the catalog names needs the admin role) holds for that job in the
/// namespace the catalog gives it (<c>default</c> unless configured): a job of the same ID in another namespace is an
/// application job of whoever runs that namespace.
/// </remarks>
public sealed partial class ClusterCommands(
    NomadClientSet clients,
    PlatformCatalog catalog,
    IAuditLog audit,
    ClusterCommandsOptions options,
    TimeProvider time,
    ILogger<ClusterCommands> logger)
{
    /// <summary>
    /// The namespace commands act in when none is given: the configured one (<c>NOMAD_NAMESPACE</c>), or Nomad's
    /// <c>default</c>.
    /// </summary>
    public string DefaultNamespace => clients.For(Role.Viewer).Options.Namespace ?? Namespace.Default;

    /// <summary>
    /// Runs one command: refuses it without any request when the role does not allow it (on a platform service's job,
    /// when <paramref name="jobId"/> in <paramref name="namespace"/> names one, too); otherwise runs <paramref name="work"/>
    /// with the role's Nomad API and turns every failure into a result with a clear message.
    /// </summary>
    /// <param name="namespace">Where the command acts; null for what has no namespace (nodes, the audit log).</param>
    /// <param name="learnedNamespace">For commands that learn their namespace by reading (an allocation's): asked when
    /// the record is written, so it names the namespace even though the command was given none.</param>
    private async Task<CommandResult> RunAsync(
        Caller caller,
        ClusterAction action,
        string target,
        ImmutableDictionary<string, string> arguments,
        string? @namespace,
        string? jobId,
        Func<INomadApi, CancellationToken, Task<string>> work,
        CancellationToken cancellationToken,
        Func<string?>? learnedNamespace = null)
    {
        if (Refusal(caller, action, target, arguments, @namespace, jobId) is { } refused)
        {
            return refused;
        }

        CommandResult result;
        try
        {
            if (@namespace is not null)
            {
                RequireOneNamespace(@namespace);
            }

            result = CommandResult.Ok(await work(clients.For(caller.Role).Api, cancellationToken).ConfigureAwait(false));
        }
        catch (CommandRefusedException ex)
        {
            Audit(caller, action, target, WithNamespace(arguments, learnedNamespace?.Invoke()), AuditOutcome.Refused, ex.Message);
            return new CommandResult(CommandOutcome.Refused, ex.Message);
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
            Audit(caller, action, target, WithNamespace(arguments, learnedNamespace?.Invoke()), AuditOutcome.Failed, "cancelled");
            throw;
        }

        Audit(caller, action, target, WithNamespace(arguments, learnedNamespace?.Invoke()), result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed, result.Succeeded ? null : result.Message);
        return result;
    }

    /// <summary>
    /// For a front end about to offer an action (a dialog, a confirmation): null when the caller's role allows it;
    /// otherwise the refusal, audited like any refused command, so an attempt refused in the UI is on record too.
    /// </summary>
    /// <param name="jobId">The job the action would touch (a job's ID, or an allocation's job), so that a platform
    /// service's job needs the role the platform needs; null for nodes and the audit log.</param>
    /// <param name="namespace">The job's namespace; null: <see cref="DefaultNamespace"/>.</param>
    public CommandResult? Authorize(Caller caller, ClusterAction action, string target, string? jobId = null, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var ns = @namespace ?? DefaultNamespace;
        return Refusal(caller, action, target, WithNamespace(ImmutableDictionary<string, string>.Empty, jobId is null ? null : ns), ns, jobId);
    }

    /// <summary>
    /// The refusal (audited) when the caller's role may not take <paramref name="action"/> on <paramref name="jobId"/>
    /// in <paramref name="namespace"/> (any job the platform catalog names there is a platform service); null when it may.
    /// </summary>
    private CommandResult? Refusal(Caller caller, ClusterAction action, string target, ImmutableDictionary<string, string> arguments, string? @namespace, string? jobId)
    {
        var platform = jobId is null || @namespace is null ? null : catalog.ForJob(@namespace, jobId);
        var required = RolePolicy.RequiredRole(action, platform is not null);
        if (caller.Role >= required)
        {
            return null;
        }

        var refusal = RefusalText(caller, action, required, platform is not null && RolePolicy.RequiredRole(action) < required ? (jobId!, platform) : null);
        Audit(caller, action, target, arguments, AuditOutcome.Refused, refusal);
        return new CommandResult(CommandOutcome.Refused, refusal);
    }

    /// <summary>
    /// For commands that learn their job only by reading (an allocation's job): throws a refusal, audited as refused
    /// by <see cref="RunAsync"/>, before any write when the job is a platform service the caller's role may not touch.
    /// </summary>
    private void RequireRoleForJob(Caller caller, ClusterAction action, string @namespace, string jobId)
    {
        if (catalog.ForJob(@namespace, jobId) is { } platform && !RolePolicy.Allows(caller.Role, action, platformService: true))
        {
            throw new CommandRefusedException(RefusalText(caller, action, RolePolicy.RequiredRole(action, true), (jobId, platform)));
        }
    }

    /// <summary>What a refusal says, the same whether it comes before any request or after reading an allocation's job.</summary>
    /// <param name="platformJob">The job that made the action a platform service's, when that is why.</param>
    private static string RefusalText(Caller caller, ClusterAction action, Role required, (string JobId, PlatformService Service)? platformJob) =>
        platformJob is { } p
            ? $"{caller.Role.ToName()} may not {Describe(action)} of platform services ({p.JobId} runs {p.Service.Name}): it needs the {required.ToName()} role"
            : $"{caller.Role.ToName()} may not {Describe(action)}: it needs the {required.ToName()} role";

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

    /// <summary>The arguments with the namespace added when it is one other than <c>default</c>.</summary>
    private static ImmutableDictionary<string, string> WithNamespace(ImmutableDictionary<string, string> arguments, string? @namespace) =>
        @namespace is null || @namespace == Namespace.Default ? arguments : arguments.SetItem("namespace", @namespace);

    /// <summary>A job as messages name it: <c>web</c> in <c>default</c>, <c>web@staging</c> elsewhere.</summary>
    private static string Named(string @namespace, string jobId) => @namespace == Namespace.Default ? jobId : $"{jobId}@{@namespace}";

    private static void RequireOneNamespace(string @namespace)
    {
        if (string.IsNullOrWhiteSpace(@namespace) || @namespace == Namespace.All)
        {
            throw CommandInputException.Invalid($"a command acts in one namespace, not \"{@namespace}\"; name the job's");
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a job, turning Nomad's 404 into a message that says what to type.</summary>
    private static async Task<Job> ReadJobAsync(INomadApi api, string @namespace, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.GetJobAsync(jobId, @namespace, null, null, cancellationToken).ConfigureAwait(false)).Body();
        }
        catch (NomadNotFoundException)
        {
            throw CommandInputException.NotFound(@namespace == Namespace.Default
                ? $"no job \"{jobId}\"; `jobs` lists them"
                : $"no job \"{jobId}\" in namespace \"{@namespace}\"; `jobs` lists them");
        }
    }

    private static void RequireName(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw CommandInputException.Invalid($"{what} is empty");
        }

        // Path dot segments (RFC 3986 §5.2.4): no Nomad object by these names can be addressed over HTTP.
        if (value is "." or "..")
        {
            throw CommandInputException.Invalid($"{what} \"{value}\" cannot be addressed through Nomad's HTTP API");
        }
    }
}
