namespace Focalizacion.Cycle.Correo;

/// <summary>How the SMTP connection is protected (<c>FOCALIZACION_SMTP_SEGURIDAD</c>: ninguna, starttls, ssl).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP (a relay on the same network, or tests).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}
