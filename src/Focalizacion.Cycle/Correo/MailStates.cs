namespace Focalizacion.Cycle.Correo;

/// <summary>The states of an email in <c>correos.estado</c>, as stored: named here once.</summary>
public static class MailStates
{
    /// <summary>Rendered and recorded; not yet accepted by the mail server.</summary>
    public const string Pending = "pendiente";

    /// <summary>Accepted by the mail server: never sent again.</summary>
    public const string Sent = "enviado";
}
