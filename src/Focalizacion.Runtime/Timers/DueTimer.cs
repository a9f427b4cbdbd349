using NodaTime;

namespace Focalizacion.Runtime.Timers;

/// <summary>A pending timer row a sweep found due: which row, whose instance, which of its timers, and when it was due.</summary>
internal sealed record DueTimer(long Id, Guid InstanceId, string TimerId, Instant DueAt);
