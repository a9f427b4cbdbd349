using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using NodaTime;

namespace Focalizacion.Cycle.Simulation;

/// <summary>One thing somebody does in a scenario: a region's event at a local time.</summary>
/// <param name="Region">The region it happens in.</param>
/// <param name="LocalTime">When, in the region's own time zone.</param>
/// <param name="At">The same moment as an instant.</param>
/// <param name="Event">The cycle event name.</param>
/// <param name="Data">What comes with it (for a final: <c>conforme</c>).</param>
public sealed record ScenarioEvent(Region Region, LocalDateTime LocalTime, Instant At, string Event, JsonObject Data);
