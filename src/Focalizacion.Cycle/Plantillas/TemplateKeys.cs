namespace Focalizacion.Cycle.Plantillas;

/// <summary>The templates the service ships (<c>foc:plantilla</c> values), each with a Spanish default.</summary>
public static class TemplateKeys
{
    public const string OficioInicio = "oficio-inicio";
    public const string PresupuestoExploratorio = "presupuesto-exploratorio";
    public const string ObservacionesSercotec = "observaciones-sercotec";
    public const string MontosPreliminares = "montos-preliminares";
    public const string Ajuste = "ajuste";
    public const string FocalizacionAnterior = "focalizacion-anterior";
    public const string DefinicionSercotec = "definicion-sercotec";
    public const string Recordatorio = "recordatorio";
    public const string AvisoVencido = "aviso-vencido";
    public const string EncuestaExpost = "encuesta-expost";

    public static IReadOnlyList<string> All { get; } =
        [OficioInicio, PresupuestoExploratorio, ObservacionesSercotec, MontosPreliminares, Ajuste,
         FocalizacionAnterior, DefinicionSercotec, Recordatorio, AvisoVencido, EncuestaExpost];
}
