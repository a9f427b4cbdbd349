namespace Focalizacion.Runtime.Instances;

/// <summary>
/// A host's record that an event carries, written in the step's own transaction: kept if the
/// instance takes the event, not written if it refuses it, and never one without the other (a
/// crash between two transactions would lose it). Positional parameters (<c>$1</c>, <c>$2</c>…).
/// </summary>
/// <remarks>The statement runs as the engine's role (<c>FOCALIZACION_DB_MOTOR</c>): its table must be granted to it.</remarks>
public sealed record StepSideWrite(string Sql, IReadOnlyList<object?> Parameters);
