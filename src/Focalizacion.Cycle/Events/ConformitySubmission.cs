using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Events;

/// <summary>What the conformity port is asked about (<see cref="IConformityValidator"/>).</summary>
/// <param name="Region">The region whose cycle records the event.</param>
/// <param name="BudgetYear">The cycle's budget year.</param>
/// <param name="Event">The event: <see cref="CycleEvent.FinalRecibida"/> or <see cref="CycleEvent.RevisionRegistrada"/>.</param>
/// <param name="Data">The event's data as sent, already checked against what the event takes (<see cref="CycleEvent.CheckData"/>); read only.</param>
public sealed record ConformitySubmission(Region Region, int BudgetYear, string Event, JsonObject Data);
