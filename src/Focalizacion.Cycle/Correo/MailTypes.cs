namespace Focalizacion.Cycle.Correo;

/// <summary>The kinds of email the cycle sends (<c>foc:tipo</c>, <c>correos.tipo</c>): named here once.</summary>
public static class MailTypes
{
    /// <summary>A numbered official letter.</summary>
    public const string Oficio = "oficio";

    /// <summary>A reminder of a deadline ahead.</summary>
    public const string Reminder = "recordatorio";

    /// <summary>A notice: a deadline passed, or the ex-post survey.</summary>
    public const string Notice = "aviso";

    public static IReadOnlyList<string> All { get; } = [Oficio, Reminder, Notice];
}
