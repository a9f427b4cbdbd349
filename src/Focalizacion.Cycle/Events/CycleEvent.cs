using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Cycle.Handlers;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// Something that happens outside the service and is recorded in it (a document arrives, Sercotec
/// records amounts): the messages the shipped workflow waits for, each tied to its milestone, with
/// the data it takes.
/// </summary>
/// <param name="Name">The message name the workflow waits for.</param>
/// <param name="Milestone">The Decreto 246 milestone it belongs to.</param>
/// <param name="Description">Spanish, for people.</param>
/// <param name="Data">
/// The fields its data may carry, each becoming the instance variable of its name; anything else
/// is refused (<see cref="CheckData"/>), so an event can never replace the instance's own variables
/// (<see cref="CycleVariables.Reserved"/>) or leave a value its emails cannot use.
/// </param>
/// <param name="RecordedWith">What a caller must be allowed (<see cref="AccessPolicy"/>) to record it: Sercotec's events or the GORE's.</param>
public sealed record CycleEvent(string Name, string Milestone, string Description, IReadOnlyList<EventField> Data, Capability RecordedWith)
{
    public const string PresupuestoRegistrado = "presupuesto-exploratorio-registrado";
    public const string PreliminarRecibida = "focalizacion-preliminar-recibida";
    public const string ObservacionesEnviadas = "observaciones-enviadas";
    public const string MontosRegistrados = "montos-preliminares-registrados";
    public const string FinalRecibida = "focalizacion-final-recibida";
    public const string RevisionRegistrada = "revision-final-registrada";

    /// <remarks>
    /// The amounts go into the oficio the event lets leave (presupuesto exploratorio, montos
    /// preliminares), and so do the observations (observaciones, ajuste). A final's <c>conforme</c>
    /// is a declared verdict and <c>focalizacion</c> the document version it sends; the conformity
    /// port turns them into the verdict the workflow reads, or leaves the final to Sercotec's review
    /// (<see cref="RevisionRegistrada"/>: its <c>conforme</c>, and its <c>motivo</c> when it departs
    /// from the automatic result).
    /// </remarks>
    public static IReadOnlyList<CycleEvent> All { get; } =
    [
        new(PresupuestoRegistrado, "presupuesto-exploratorio", "Sercotec registra el presupuesto exploratorio por instrumento", [EventField.Amounts], Capability.RegistrarEventosSercotec),
        new(PreliminarRecibida, "focalizacion-preliminar", "se recibe la focalización preliminar del GORE", [EventField.Document], Capability.RegistrarEventosGore),
        new(ObservacionesEnviadas, "observaciones-sercotec", "Sercotec registra sus observaciones a la preliminar", [EventField.Observations], Capability.RegistrarEventosSercotec),
        new(MontosRegistrados, "montos-preliminares", "Sercotec registra los montos preliminares", [EventField.Amounts], Capability.RegistrarEventosSercotec),
        new(FinalRecibida, "focalizacion-final", "se recibe la focalización final con la aprobación del CORE", [EventField.Conformity, EventField.Document, EventField.Observations], Capability.RegistrarEventosGore),
        new(RevisionRegistrada, "revision-final", "Sercotec revisa la focalización final", [EventField.Conformity, EventField.Reason, EventField.Observations], Capability.RevisarFocalizacion),
    ];

    public static CycleEvent? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The event that records <paramref name="milestone"/>, if one does.</summary>
    public static CycleEvent? ForMilestone(string milestone) => All.FirstOrDefault(e => e.Milestone == milestone);

    /// <summary>The events that take a <c>conforme</c> («…», «…»), for error messages.</summary>
    public static string WithConformity => string.Join(", ", All.Where(e => e.Data.Contains(EventField.Conformity)).Select(e => $"«{e.Name}»"));

    /// <summary>Spanish list of the known names, for error messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(e => e.Name));

    /// <summary>
    /// The first problem with <paramref name="data"/> for this event, in Spanish and naming the
    /// field from <paramref name="path"/> (<c>datos.montos.Capital Semilla: …</c>), or null when
    /// every field is one the event takes, with a value it accepts. No data is fine: every field
    /// is optional here (the final's <c>conforme</c> is the conformity port's to require).
    /// </summary>
    public string? CheckData(JsonObject? data, string path = "datos")
    {
        foreach (var (name, value) in data ?? [])
        {
            var field = Data.FirstOrDefault(f => f.Name == name);
            if (field is not null)
            {
                if (field.Check(value, $"{path}.{name}") is { } problem)
                {
                    return problem;
                }
                continue;
            }
            if (CycleVariables.Reserved.Contains(name))
            {
                return $"{path}.{name}: es una variable propia de la instancia, que fija el ciclo; ningún evento la cambia";
            }
            return Data.Count == 0
                ? $"{path}.{name}: el evento «{Name}» no lleva datos"
                : $"{path}.{name}: el evento «{Name}» no lleva ese dato; lleva: {string.Join(", ", Data.Select(f => $"{f.Name} ({f.Description})"))}";
        }
        return null;
    }
}
