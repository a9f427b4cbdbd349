using NodaTime;

namespace Focalizacion.Service.Health;

/// <summary>
/// The wall clock Hangfire's heartbeats are compared with; a type of its own so it is never
/// confused with the domain <see cref="IClock"/>, which a rehearsal may fix.
/// </summary>
internal sealed record HeartbeatClock(IClock Clock);
