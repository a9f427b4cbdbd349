using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;

namespace Focalizacion.Runtime.Composition;

/// <summary>
/// Works out an instance's calendar (zone, business days, reference year) from its variables, for
/// every step: what the variables mean is the host's knowledge, not the engine's.
/// </summary>
public interface IInstanceCalendars
{
    InstanceCalendar For(JsonObject variables);
}
