using Focalizacion.Cycle.Correo;

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

    [TestCase("FOCALIZACION_SMTP_PUERTO", "veinticinco")] // not a number
    [TestCase("FOCALIZACION_SMTP_PUERTO", "70000")]       // out of range
    [TestCase("FOCALIZACION_SMTP_SEGURIDAD", "tls1.3")]   // unknown security
    [TestCase("FOCALIZACION_CORREO_REMITENTE", "sin-arroba")] // not an address
    [TestCase("FOCALIZACION_SMTP_USUARIO", "u")]          // a user without its password
    public void A_bad_value_names_its_variable(string variable, string value)
    {
        var error = Assert.Throws<CycleException>(() => MailSettings.From(name => name == variable ? value : null));
        Assert.That(error!.Message, Does.StartWith(variable));
    }
}
