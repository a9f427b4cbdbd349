namespace Focalizacion.Runtime.Instances;

/// <summary>
/// The last state this process committed for each of the instances it stepped most recently, so
/// that the next step on one of them can skip reading it: bounded, least recently used out first.
/// </summary>
/// <remarks>
/// An entry is only ever a guess. The step it saves a read for is sent with a version guard
/// (migration 0004) that locks the row and refuses if anyone changed it since, and the step is
/// then run again reading under the lock. Instances that ended are dropped: nothing steps them.
/// </remarks>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<Guid, LinkedListNode<LockedInstance>> _entries = [];
    private readonly LinkedList<LockedInstance> _recency = new();
    private readonly Lock _lock = new();

    public bool TryGet(Guid id, out LockedInstance instance)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                instance = node.Value;
                return true;
            }
        }
        instance = null!;
        return false;
    }

    /// <summary>Keeps a committed state, unless a later step on the same instance is already kept.</summary>
    public void Put(LockedInstance instance)
    {
        if (capacity <= 0)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.TryGetValue(instance.Id, out var node))
            {
                if (node.Value.StepCount >= instance.StepCount)
                {
                    return;
                }
                _recency.Remove(node);
            }
            else if (_entries.Count >= capacity)
            {
                _entries.Remove(_recency.Last!.Value.Id);
                _recency.RemoveLast();
            }
            _entries[instance.Id] = _recency.AddFirst(instance);
        }
    }

    public void Remove(Guid id)
    {
        lock (_lock)
        {
            if (_entries.Remove(id, out var node))
            {
                _recency.Remove(node);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }
}
