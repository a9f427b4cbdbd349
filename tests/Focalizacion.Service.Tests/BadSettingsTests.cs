using System.Diagnostics;

namespace Focalizacion.Service.Tests;

/// <summary>A setting the service cannot start with stops it with one Spanish line naming the variable and exit 2, never a stack trace.</summary>
public class BadSettingsTests
{
    private const string Owner = "Host=127.0.0.1;Port=5432;Username=focalizacion;Password=focalizacion;Database=focalizacion";

    private const string Api = "Host=127.0.0.1;Port=5432;Username=focalizacion_api;Password=focalizacion_api;Database=focalizacion";

    [TestCase("FOCALIZACION_DB", "no es una cadena", "FOCALIZACION_DB no es una cadena de conexión")] // the value is not echoed: it may hold a password
    [TestCase("FOCALIZACION_RELOJ", "ayer", "FOCALIZACION_RELOJ: «ayer» no es un instante")] // a rehearsal clock needs an instant
    [TestCase("FOCALIZACION_SMTP_PUERTO", "veinticinco", "FOCALIZACION_SMTP_PUERTO")] // a port that is not a number
    [TestCase("FOCALIZACION_CICLOS_INICIO", "mañana", "FOCALIZACION_CICLOS_INICIO")] // the cycles' start moment
    [TestCase("FOCALIZACION_DB", "", "falta FOCALIZACION_DB")] // no silent fallback to the local role and its password
    [TestCase("FOCALIZACION_DB_API", "", "falta FOCALIZACION_DB_API")] // users are never served as the tables' owner
    [TestCase("FOCALIZACION_DB_API", Owner, "FOCALIZACION_DB_API: debe usar un rol propio")] // … not even when named explicitly
    [TestCase("FOCALIZACION_DB_MOTOR", "", "falta FOCALIZACION_DB_MOTOR")] // the engine never writes as the tables' owner
    [TestCase("FOCALIZACION_DB_MOTOR", Owner, "FOCALIZACION_DB_MOTOR: debe usar un rol propio (Username) distinto del de FOCALIZACION_DB:")] // … not even when named explicitly
    [TestCase("FOCALIZACION_DB_MOTOR", Api, "FOCALIZACION_DB_MOTOR: debe usar un rol propio (Username) distinto del de FOCALIZACION_DB_API:")] // users are never served by the role that sees every region
    [TestCase("FOCALIZACION_PROXIES", "proxy.interno", "FOCALIZACION_PROXIES: «proxy.interno» no es una dirección IP")] // forwarded headers are believed only from addresses
    [TestCase("FOCALIZACION_SMTP_USUARIO", "u", "FOCALIZACION_SMTP_")] // credentials need a password and an encrypted connection
    [TestCase("FOCALIZACION_SIMULACION_PRECALENTAR", "quizas", "FOCALIZACION_SIMULACION_PRECALENTAR: «quizas» no es «si» ni «no»")] // the warm-up is on or off, nothing in between
    public async Task A_bad_setting_stops_the_start_naming_it(string variable, string value, string message)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "focalizacion-servicio.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment.Remove("FOCALIZACION_RELOJ");
        start.Environment["FOCALIZACION_DB"] = Owner;
        start.Environment["FOCALIZACION_DB_API"] = Api;
        start.Environment["FOCALIZACION_DB_MOTOR"] = Owner.Replace("Username=focalizacion;Password=focalizacion", "Username=focalizacion_motor;Password=focalizacion_motor", StringComparison.Ordinal);
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        Assert.Multiple(async () =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(2), error + await output);
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("Error: ").And.Contain(message).And.Not.Contain("Exception"));
        });
    }
}
