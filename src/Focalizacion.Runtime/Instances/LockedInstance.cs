namespace Focalizacion.Runtime.Instances;

/// <summary>
/// An instance row as a step reads it: what the step needs to run, and which version of the row
/// that is (its <c>xmin</c>, which every update changes) with its step count.
/// </summary>
internal sealed record LockedInstance(Guid Id, long DefinitionId, string Status, string State, uint Version, long StepCount)
{
    /// <summary>
    /// Locks the instance chosen by <paramref name="where"/> (its only parameter is <c>$1</c>);
    /// with <paramref name="skipLocked"/>, another transaction holding it means no row.
    /// </summary>
    public static StepRead Lock(string where, object parameter, bool skipLocked, Action<LockedInstance> found) => new(
        $"SELECT id, definition_id, status, state, xmin, step_count FROM workflow_instances WHERE {where} FOR UPDATE{(skipLocked ? " SKIP LOCKED" : "")}",
        [parameter],
        r => found(new LockedInstance(r.GetGuid(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetFieldValue<uint>(4), r.GetInt64(5))));

    public static StepRead Lock(Guid id, bool skipLocked, Action<LockedInstance> found) => Lock("id = $1", id, skipLocked, found);
}
