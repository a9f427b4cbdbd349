using System.Globalization;
using NodaTime;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Where emails go: an SMTP server when <see cref="Host"/> is set, otherwise <c>.eml</c> files in
/// <see cref="PickupFolder"/> (development, simulations, or a relay that picks files up).
/// </summary>
public sealed record MailSettings
{
    public const string DefaultFromAddress = "focalizacion@sercotec.ejemplo.invalid";

    /// <summary>The keys of FOCALIZACION_SMTP_ESPERAS, each with the timeout it sets.</summary>
    private static readonly IReadOnlyDictionary<string, Func<SmtpTimeouts, Duration, SmtpTimeouts>> TimeoutKeys =
        new Dictionary<string, Func<SmtpTimeouts, Duration, SmtpTimeouts>>(StringComparer.Ordinal)
        {
            ["saludo"] = (t, d) => t with { Greeting = d },
            ["mail"] = (t, d) => t with { Mail = d },
            ["rcpt"] = (t, d) => t with { Recipient = d },
            ["inicio-datos"] = (t, d) => t with { DataInitiation = d },
            ["bloque-datos"] = (t, d) => t with { DataBlock = d },
            ["fin-datos"] = (t, d) => t with { DataTermination = d },
            ["comando"] = (t, d) => t with { Command = d },
        };

    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public MailSecurity Security { get; init; } = MailSecurity.None;

    public string? User { get; init; }

    public string? Password { get; init; }

    public string FromAddress { get; init; } = DefaultFromAddress;

    public string FromName { get; init; } = "Sercotec · Focalización Regional";

    public string PickupFolder { get; init; } = "correo-saliente";

    /// <summary>The fonts the oficios' PDFs (attached to their emails) are written with.</summary>
    public Oficios.PdfFonts PdfFonts { get; init; } = Oficios.PdfFonts.DejaVu;

    /// <summary>How long the SMTP client waits at each step of a send; RFC 5321's recommendations by default.</summary>
    public SmtpTimeouts Timeouts { get; init; } = SmtpTimeouts.Rfc5321;

    /// <summary>
    /// Mail is reported degraded (health <c>correo</c>) when a message has waited this long without
    /// the server taking it, even if no attempt has failed yet (a send that hangs, a worker that is not running).
    /// </summary>
    public Duration AlertAfter { get; init; } = Duration.FromMinutes(30);

    /// <summary>
    /// Reads FOCALIZACION_SMTP_HOST, _PUERTO, _SEGURIDAD (ninguna|starttls|ssl), _USUARIO, _CLAVE,
    /// _ESPERAS (timeouts in seconds by step, <c>fin-datos=600,rcpt=300</c>; the steps not named keep
    /// RFC 5321's), FOCALIZACION_CORREO_REMITENTE, FOCALIZACION_CORREO_CARPETA and
    /// FOCALIZACION_CORREO_ALERTA_MINUTOS, and the oficios' PDF fonts (<see cref="Oficios.PdfFonts.From"/>); a bad value is a Spanish <see cref="CycleException"/>
    /// naming the variable.
    /// </summary>
    public static MailSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment"/>, from any variable source (tests pass a dictionary).</summary>
    public static MailSettings From(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Read(string name) => variables(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var settings = new MailSettings
        {
            Host = Read("FOCALIZACION_SMTP_HOST"),
            User = Read("FOCALIZACION_SMTP_USUARIO"),
            Password = variables("FOCALIZACION_SMTP_CLAVE"),
            PdfFonts = Oficios.PdfFonts.From(variables),
        };
        if (Read("FOCALIZACION_SMTP_PUERTO") is { } port)
        {
            settings = settings with
            {
                Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                    ? number
                    : throw new CycleException($"FOCALIZACION_SMTP_PUERTO debe ser un número de puerto entre 1 y 65535 (vale «{port}»)."),
            };
        }
        if (Read("FOCALIZACION_SMTP_SEGURIDAD") is { } security)
        {
            settings = settings with
            {
                Security = security.ToLowerInvariant() switch
                {
                    "ninguna" or "none" => MailSecurity.None,
                    "starttls" => MailSecurity.StartTls,
                    "ssl" or "tls" => MailSecurity.Ssl,
                    _ => throw new CycleException($"FOCALIZACION_SMTP_SEGURIDAD debe ser «ninguna», «starttls» o «ssl» (vale «{security}»)."),
                },
            };
        }
        if (Read("FOCALIZACION_CORREO_REMITENTE") is { } from)
        {
            settings = settings with
            {
                FromAddress = MimeKit.MailboxAddress.TryParse(from, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
                    ? mailbox.Address
                    : throw new CycleException($"FOCALIZACION_CORREO_REMITENTE no es una dirección de correo válida (vale «{from}»)."),
            };
        }
        if (Read("FOCALIZACION_CORREO_CARPETA") is { } folder)
        {
            settings = settings with { PickupFolder = folder };
        }
        if (Read("FOCALIZACION_SMTP_ESPERAS") is { } timeouts)
        {
            settings = settings with { Timeouts = ParseTimeouts(timeouts) };
        }
        if (Read("FOCALIZACION_CORREO_ALERTA_MINUTOS") is { } alert)
        {
            settings = settings with
            {
                AlertAfter = int.TryParse(alert, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 10_080
                    ? Duration.FromMinutes(minutes)
                    : throw new CycleException($"FOCALIZACION_CORREO_ALERTA_MINUTOS debe ser un número de minutos entre 1 y 10080 (vale «{alert}»)."),
            };
        }
        if (settings.User is not null && settings.Password is null)
        {
            throw new CycleException("FOCALIZACION_SMTP_USUARIO está definida pero falta FOCALIZACION_SMTP_CLAVE.");
        }
        if (settings.User is not null && settings.Security == MailSecurity.None)
        {
            throw new CycleException("FOCALIZACION_SMTP_USUARIO: las credenciales SMTP solo viajan cifradas; indique FOCALIZACION_SMTP_SEGURIDAD=starttls o ssl.");
        }
        return settings;
    }

    private static SmtpTimeouts ParseTimeouts(string text)
    {
        var timeouts = SmtpTimeouts.Rfc5321;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = part.Split('=', 2, StringSplitOptions.TrimEntries) is [var k, var v] ? (k.ToLowerInvariant(), v) : (part, "");
            if (!TimeoutKeys.TryGetValue(key, out var set))
            {
                throw new CycleException($"FOCALIZACION_SMTP_ESPERAS: «{part}» no es una espera; se escribe paso=segundos, con paso {string.Join(", ", TimeoutKeys.Keys)}.");
            }
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3_600)
            {
                throw new CycleException($"FOCALIZACION_SMTP_ESPERAS: la espera «{key}» debe ser un número de segundos entre 1 y 3600 (vale «{value}»).");
            }
            timeouts = set(timeouts, Duration.FromSeconds(seconds));
        }
        return timeouts;
    }

    /// <summary>The transport these settings ask for.</summary>
    public IMailTransport CreateTransport() => Host is null ? new PickupFolderTransport(PickupFolder) : new SmtpTransport(this);

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() =>
        Host is null ? $"MailSettings {{ PickupFolder = {PickupFolder} }}" : $"MailSettings {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User} }}";
}
