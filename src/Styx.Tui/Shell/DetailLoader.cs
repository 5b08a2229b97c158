using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell;

/// <summary>
/// Runs screens' detail reads off the UI thread and applies each result on the UI loop, stamped with a version: a
/// load that finishes after a newer one was started is dropped, so an older answer can never overwrite a newer one
/// (an allocation's events arriving out of order once did). Screens never see a load in progress; they get the
/// applied result through <see cref="ScreenData.Detail"/>.
/// </summary>
/// <param name="post">Runs an action on the session's UI loop (Terminal.Gui's Invoke).</param>
/// <param name="applied">Called on the UI loop after a result was applied to an entry.</param>
/// <param name="stopping">The session's end; taken once here so no load reads a disposed token source later.</param>
internal sealed class DetailLoader(ClusterState state, Action<Action> post, Action<ScreenEntry> applied, ILogger logger, CancellationToken stopping)
{
    /// <summary>Starts the entry's detail read for <paramref name="snapshot"/> unless the same one was already asked for. UI thread.</summary>
    public void Ensure(ScreenEntry entry, ClusterSnapshot snapshot)
    {
        if (entry.Screen.Detail(snapshot) is not { } request || request.Key == entry.Detail.RequestedKey)
        {
            return;
        }

        var version = ++entry.Detail.Version;
        entry.Detail.RequestedKey = request.Key;
        _ = Task.Run(() => LoadAsync(entry, request, version), CancellationToken.None);
    }

    /// <summary>Forgets what was asked, so the next <see cref="Ensure"/> reads again (the r key). UI thread.</summary>
    public static void Invalidate(ScreenEntry entry) => entry.Detail.RequestedKey = null;

    /// <summary>Applies a result if it is still the newest load of that entry. UI thread; public for the ordering tests.</summary>
    public void Apply(ScreenEntry entry, long version, object? value, string? error)
    {
        if (version != entry.Detail.Version || stopping.IsCancellationRequested)
        {
            return;
        }

        if (error is null)
        {
            entry.Detail.Value = value;
        }

        entry.Detail.Error = error;
        applied(entry);
    }

    private async Task LoadAsync(ScreenEntry entry, DetailRequest request, long version)
    {
        object? value = null;
        string? error = null;
        try
        {
            value = await request.Load(state, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (NomadException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex)
        {
            // Whatever else went wrong, the screen says so instead of waiting for rows that never come.
            logger.LogWarning(ex, "Loading {Detail} failed", request.Key);
            error = "could not load this screen's details: " + ex.Message;
        }

        post(() => Apply(entry, version, value, error));
    }
}
