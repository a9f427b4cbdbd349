using Focalizacion.Cycle.Correo;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Correo;

public sealed class MailSettingsTests
{
    [Test]
    public void No_host_means_the_pickup_folder_with_the_defaults()
    {
        var settings = MailSettings.From(_ => null);
        Assert.That((settings.Host, settings.Port, settings.Security, settings.FromAddress, settings.PickupFolder),
            Is.EqualTo(((string?)null, 25, MailSecurity.None, "focalizacion@sercotec.ejemplo.invalid", "correo-saliente")));
        Assert.That(settings.CreateTransport(), Is.InstanceOf<PickupFolderTransport>());
    }

    [Test]
    public void Every_variable_is_read()
    {
        var variables = new Dictionary<string, string>
        {
            ["FOCALIZACION_SMTP_HOST"] = "smtp.ejemplo.invalid",
            ["FOCALIZACION_SMTP_PUERTO"] = "587",
            ["FOCALIZACION_SMTP_SEGURIDAD"] = "STARTTLS",
            ["FOCALIZACION_SMTP_USUARIO"] = "u",
            ["FOCALIZACION_SMTP_CLAVE"] = "secreta",
            ["FOCALIZACION_CORREO_REMITENTE"] = "otro@sercotec.ejemplo.invalid",
            ["FOCALIZACION_CORREO_CARPETA"] = "/tmp/x",
        };
        var settings = MailSettings.From(variables.GetValueOrDefault);
        Assert.That(settings, Is.EqualTo(new MailSettings
        {
            Host = "smtp.ejemplo.invalid",
            Port = 587,
            Security = MailSecurity.StartTls,
            User = "u",
            Password = "secreta",
            FromAddress = "otro@sercotec.ejemplo.invalid",
            PickupFolder = "/tmp/x",
        }));
        Assert.That(settings.ToString(), Does.Not.Contain("secreta"));
        Assert.That(settings.CreateTransport(), Is.InstanceOf<SmtpTransport>());
    }

    [Test]
    public void Timeouts_are_rfc_5321s_unless_the_variable_names_a_step_and_the_alert_is_half_an_hour()
    {
        var defaults = MailSettings.From(_ => null);
        var set = MailSettings.From(new Dictionary<string, string>
        {
            ["FOCALIZACION_SMTP_ESPERAS"] = "fin-datos=900, RCPT=60",
            ["FOCALIZACION_CORREO_ALERTA_MINUTOS"] = "45",
        }.GetValueOrDefault);

        using (Assert.EnterMultipleScope())
        {
            // RFC 5321 §4.5.3.2: 220 greeting 5 min, MAIL 5, RCPT 5, DATA 2, each data block 3, end of data 10.
            Assert.That(defaults.Timeouts, Is.EqualTo(new SmtpTimeouts
            {
                Greeting = Duration.FromMinutes(5),
                Mail = Duration.FromMinutes(5),
                Recipient = Duration.FromMinutes(5),
                DataInitiation = Duration.FromMinutes(2),
                DataBlock = Duration.FromMinutes(3),
                DataTermination = Duration.FromMinutes(10),
                Command = Duration.FromMinutes(5),
            }));
            Assert.That(defaults.AlertAfter, Is.EqualTo(Duration.FromMinutes(30)));
            Assert.That(set.Timeouts, Is.EqualTo(SmtpTimeouts.Rfc5321 with { DataTermination = Duration.FromMinutes(15), Recipient = Duration.FromMinutes(1) }));
            Assert.That(set.AlertAfter, Is.EqualTo(Duration.FromMinutes(45)));
            // Three recipients: connecting (220, EHLO, STARTTLS, EHLO), AUTH and QUIT, MAIL, three RCPT, DATA, a block, the end of the data.
            Assert.That(defaults.Timeouts.Longest(3), Is.EqualTo(Duration.FromMinutes(20 + 10 + 5 + 15 + 2 + 3 + 10)));
        }
    }

    [TestCase("FOCALIZACION_SMTP_PUERTO", "veinticinco")] // not a number
    [TestCase("FOCALIZACION_SMTP_PUERTO", "70000")]       // out of range
    [TestCase("FOCALIZACION_SMTP_SEGURIDAD", "tls1.3")]   // unknown security
    [TestCase("FOCALIZACION_CORREO_REMITENTE", "sin-arroba")] // not an address
    [TestCase("FOCALIZACION_SMTP_USUARIO", "u")]          // a user without its password
    [TestCase("FOCALIZACION_SMTP_ESPERAS", "fin=600")]    // a step that does not exist
    [TestCase("FOCALIZACION_SMTP_ESPERAS", "rcpt=5m")]    // seconds are a number
    [TestCase("FOCALIZACION_SMTP_ESPERAS", "rcpt=0")]     // a timeout of nothing
    [TestCase("FOCALIZACION_CORREO_ALERTA_MINUTOS", "-5")] // not a number of minutes
    public void A_bad_value_names_its_variable(string variable, string value)
    {
        var error = Assert.Throws<CycleException>(() => MailSettings.From(name => name == variable ? value : null));
        Assert.That(error!.Message, Does.StartWith(variable));
    }

    [TestCase(null)]
    [TestCase("ninguna")]
    public void Credentials_are_refused_without_starttls_or_ssl(string? security)
    {
        var variables = new Dictionary<string, string?>
        {
            ["FOCALIZACION_SMTP_HOST"] = "smtp.ejemplo.invalid",
            ["FOCALIZACION_SMTP_SEGURIDAD"] = security,
            ["FOCALIZACION_SMTP_USUARIO"] = "u",
            ["FOCALIZACION_SMTP_CLAVE"] = "secreta",
        };
        var error = Assert.Throws<CycleException>(() => MailSettings.From(variables.GetValueOrDefault));
        Assert.That(error!.Message, Does.StartWith("FOCALIZACION_SMTP_USUARIO: las credenciales SMTP solo viajan cifradas"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_pickup_folder_it_creates_and_every_file_are_the_service_users_only()
    {
        var folder = Path.Combine(Path.GetTempPath(), "foc-pickup-" + Guid.NewGuid().ToString("N"), "salida");
        try
        {
            var message = new MimeKit.MimeMessage { MessageId = "m1@prueba.invalid", Subject = "oficio" };
            message.From.Add(new MimeKit.MailboxAddress("a", "a@b.cl"));
            message.Body = new MimeKit.TextPart("plain") { Text = "hola" };
            await new PickupFolderTransport(folder).SendAsync(message, _ => Task.CompletedTask, CancellationToken.None);
            var file = Directory.GetFiles(folder).Single();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
