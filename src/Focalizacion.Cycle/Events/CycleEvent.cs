namespace Focalizacion.Cycle.Events;

/// <summary>
/// Something that happens outside the service and is recorded in it (a document arrives, Sercotec
/// records amounts): the messages the shipped workflow waits for, each tied to its milestone.
/// </summary>
/// <param name="Name">The message name the workflow waits for.</param>
/// <param name="Milestone">The Decreto 246 milestone it belongs to.</param>
/// <param name="Description">Spanish, for people.</param>
public sealed record CycleEvent(string Name, string Milestone, string Description)
{
    public const string PresupuestoRegistrado = "presupuesto-exploratorio-registrado";
    public const string PreliminarRecibida = "focalizacion-preliminar-recibida";
    public const string ObservacionesEnviadas = "observaciones-enviadas";
    public const string MontosRegistrados = "montos-preliminares-registrados";
    public const string FinalRecibida = "focalizacion-final-recibida";

    public static IReadOnlyList<CycleEvent> All { get; } =
    [
        new(PresupuestoRegistrado, "presupuesto-exploratorio", "Sercotec registra el presupuesto exploratorio por instrumento"),
        new(PreliminarRecibida, "focalizacion-preliminar", "se recibe la focalización preliminar del GORE"),
        new(ObservacionesEnviadas, "observaciones-sercotec", "Sercotec registra sus observaciones a la preliminar"),
        new(MontosRegistrados, "montos-preliminares", "Sercotec registra los montos preliminares"),
        new(FinalRecibida, "focalizacion-final", "se recibe la focalización final con la aprobación del CORE"),
    ];

    public static CycleEvent? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The event that records <paramref name="milestone"/>, if one does.</summary>
    public static CycleEvent? ForMilestone(string milestone) => All.FirstOrDefault(e => e.Milestone == milestone);

    /// <summary>Spanish list of the known names, for error messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(e => e.Name));
}
