using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// Publishing snapshots to sessions, each in the namespace it looks at. The watches keep one snapshot of every
/// namespace; a namespace's view of it (<see cref="ClusterSnapshot.InNamespace"/>) is taken once per published
/// snapshot however many sessions look at that namespace.
/// </summary>
public sealed partial class ClusterState
{
    private readonly List<Subscriber> _subscribers = [];

    /// <summary>
    /// The latest view taken of each namespace and the snapshot it was taken of: the next view of that namespace
    /// narrows only the lists that changed since (<see cref="ClusterSnapshot.InNamespace(string?, ClusterSnapshot?, ClusterSnapshot?)"/>).
    /// </summary>
    private readonly Dictionary<string, (ClusterSnapshot Source, ClusterSnapshot View)> _views = new(StringComparer.Ordinal);

    /// <summary>Namespaces whose latest view is kept; a cluster has a handful, so this is never reached in use.</summary>
    private const int MaxViews = 32;

    /// <summary>
    /// The latest snapshot of <see cref="DefaultNamespace"/>: what every caller saw before Styx knew namespaces, so a
    /// job ID in it names one job. <see cref="CurrentIn"/> gives another namespace, or all of them.
    /// </summary>
    public ClusterSnapshot Current => CurrentIn(DefaultNamespace);

    /// <summary>The latest snapshot of <paramref name="namespace"/>; null or <c>*</c>: of every namespace.</summary>
    public ClusterSnapshot CurrentIn(string? @namespace)
    {
        var latest = Latest;
        return @namespace is null or Namespace.All ? latest : ViewOf(latest, @namespace);
    }

    /// <summary>The latest snapshot of every namespace, as the watches keep it.</summary>
    private ClusterSnapshot Latest => Volatile.Read(ref _current);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every new snapshot of <see cref="DefaultNamespace"/> (on the watcher's
    /// thread: hand the work to your own thread and return quickly) and once at once with the current one. Dispose the
    /// result to stop.
    /// </summary>
    public IDisposable Subscribe(Action<ClusterSnapshot> onChange) => Subscribe(DefaultNamespace, onChange);

    /// <summary>
    /// Like <see cref="Subscribe(Action{ClusterSnapshot})"/>, with snapshots of <paramref name="namespace"/> (null or
    /// <c>*</c>: every namespace). A session that switches namespace subscribes again, or subscribes to every namespace
    /// and narrows each snapshot itself.
    /// </summary>
    public IDisposable Subscribe(string? @namespace, Action<ClusterSnapshot> onChange)
    {
        var subscriber = new Subscriber(@namespace is null or Namespace.All ? null : @namespace, onChange);
        lock (_gate)
        {
            _subscribers.Add(subscriber);
        }

        onChange(CurrentIn(subscriber.Namespace));
        return new Subscription(this, subscriber);
    }

    /// <summary>Subscriber count (for the status line and tests).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>A namespace's view of <paramref name="snapshot"/>, taken once per snapshot and namespace.</summary>
    private ClusterSnapshot ViewOf(ClusterSnapshot snapshot, string @namespace)
    {
        (ClusterSnapshot Source, ClusterSnapshot View) earlier;
        lock (_gate)
        {
            earlier = _views.GetValueOrDefault(@namespace);
            if (ReferenceEquals(earlier.Source, snapshot))
            {
                return earlier.View;
            }
        }

        var view = snapshot.InNamespace(@namespace, earlier.Source, earlier.View);
        lock (_gate)
        {
            // Keep the newest: a subscriber still handed an older snapshot must not push back the base of later views.
            if (!_views.TryGetValue(@namespace, out var kept))
            {
                // A name anyone can type (:ns NAME) must not grow this for good: past a few dozen, start again.
                if (_views.Count >= MaxViews)
                {
                    _views.Clear();
                }

                _views[@namespace] = (snapshot, view);
            }
            else if (kept.Source.Version <= snapshot.Version)
            {
                _views[@namespace] = (snapshot, view);
            }
        }

        return view;
    }

    private void Publish(Func<ClusterSnapshot, ClusterSnapshot> change, bool dataChanged = true)
    {
        ClusterSnapshot next;
        Subscriber[] subscribers;
        lock (_gate)
        {
            var current = _current;
            next = change(current);
            if (ReferenceEquals(next, current) || (!dataChanged && next.Connection == current.Connection))
            {
                return;
            }

            next = next with { Version = current.Version + 1, UpdatedAt = dataChanged ? _time.GetUtcNow() : current.UpdatedAt };
            Volatile.Write(ref _current, next);
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.OnChange(subscriber.Namespace is { } ns ? ViewOf(next, ns) : next);
            }
            catch (Exception ex)
            {
                // One session's broken handler must not stop the others from seeing the cluster.
                _logger.LogError(ex, "A ClusterState subscriber threw; the others still get the snapshot");
            }
        }
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>A subscriber and the namespace it looks at (null: every namespace); one instance per subscription.</summary>
    private sealed class Subscriber(string? @namespace, Action<ClusterSnapshot> onChange)
    {
        public string? Namespace { get; } = @namespace;

        public Action<ClusterSnapshot> OnChange { get; } = onChange;
    }

    private sealed class Subscription(ClusterState owner, Subscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(subscriber);
            }
        }
    }
}
