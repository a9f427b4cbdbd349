namespace Focalizacion.Cli.Tests.Ciclo;

/// <summary>
/// <c>ciclo evento --datos</c>: each event takes only the data it declares; anything else, above
/// all the instance's own variables, is refused naming the field, and nothing changes.
/// </summary>
public class CicloEventoDatosTests
{
    /// <summary>Starts Arica's 2027 cycle in November 2026, waiting for the preliminary, the amounts and the final.</summary>
    private static async Task<Guid> StartAricaAsync(CycleCli cli)
    {
        var started = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "AP", "--hito", "oficio-inicio=2026-03-10", "--hito", "presupuesto-exploratorio=2026-06-25", "--json");
        Assert.That(started.ExitCode, Is.Zero, started.Error);
        return started.Json().EnumerateArray().Single().GetProperty("instancia").GetGuid();
    }

    private const string Montos = "montos-preliminares-registrados";

    [TestCase(Montos, """{"region":"NB"}""", "datos.region: es una variable propia de la instancia")] // the audit: Arica's amounts emailed to Ñuble's governor
    [TestCase(Montos, """{"anioPresupuestario":2030}""", "datos.anioPresupuestario: es una variable propia")] // the other half of the correlation
    [TestCase(Montos, """{"registrado_focalizacion_final":true}""", "datos.registrado_focalizacion_final: es una variable propia")] // would skip the final's wait
    [TestCase(Montos, """{"vencidosSinRegistro":[]}""", "datos.vencidosSinRegistro: es una variable propia")] // would hide what was flagged at start
    [TestCase(Montos, """{"vencido_oficio_inicio":false}""", "datos.vencido_oficio_inicio: es una variable propia")] // would send a past oficio
    [TestCase(Montos, """{"eventos":{}}""", "datos.eventos: es una variable propia")] // the engine's record of event dates
    [TestCase(Montos, """{"tieneFocalizacionAnterior":true}""", "datos.tieneFocalizacionAnterior: es una variable propia")] // the fallback's handler answers it
    [TestCase(Montos, """{"conforme":true}""", "datos.conforme: el evento «montos-preliminares-registrados» no lleva ese dato; lleva: montos")] // only the final says it
    [TestCase(Montos, """{"monto":5}""", "datos.monto: el evento «montos-preliminares-registrados» no lleva ese dato")] // a typo is not silently ignored
    [TestCase(Montos, """{"montos":{"Capital Semilla":"mucho"}}""", "datos.montos.Capital Semilla: «\"mucho\"» no es un monto en pesos")] // the audit: every later email failed
    [TestCase(Montos, """{"montos":"texto"}""", "datos.montos: debe ser un objeto")] // the audit: silently ignored
    [TestCase(Montos, """{"montos":{"Capital Semilla":-1}}""", "datos.montos.Capital Semilla: «-1» no es un monto en pesos")] // no negative amounts
    [TestCase(Montos, """{"montos":{"Capital Semilla":1500.5}}""", "datos.montos.Capital Semilla: «1500.5» no es un monto en pesos")] // pesos have no cents
    [TestCase(Montos, """{"montos":{" ":5}}""", "datos.montos: el nombre de un instrumento no puede estar vacío")] // an instrument needs a name
    [TestCase("focalizacion-preliminar-recibida", """{"montos":{"Capital Semilla":5}}""", "datos.montos: el evento «focalizacion-preliminar-recibida» no lleva ese dato; lleva: focalizacion")] // only its document
    [TestCase("focalizacion-final-recibida", """{"conforme":"sí"}""", "datos.conforme: debe ser true o false")] // a verdict is a boolean
    public async Task Data_the_event_does_not_take_exits_2_naming_the_field_and_changes_nothing(string evento, string datos, string message)
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var instance = await StartAricaAsync(cli);
        var before = await cli.Database.ScalarAsync("SELECT count(*) FROM journal");
        var snapshot = await cli.Database.ScalarAsync($"SELECT step_count FROM workflow_instances WHERE id = '{instance}'");

        var run = await cli.RunAsync("ciclo", "evento", "AP", "2027", evento, "--datos", datos);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.StartWith("Error: " + message));
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Output, Is.Empty);
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM journal"), Is.EqualTo(before), "nothing journaled");
            Assert.That(await cli.Database.ScalarAsync($"SELECT step_count FROM workflow_instances WHERE id = '{instance}'"), Is.EqualTo(snapshot), "not stepped");
            Assert.That(await cli.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = '{instance}' AND state -> 'variables' ->> 'region' = 'AP'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_message_sent_to_the_instance_directly_cannot_change_its_region_either()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var instance = await StartAricaAsync(cli);
        var run = await cli.RunAsync("instancia", "mensaje", instance.ToString(), "focalizacion-preliminar-recibida", "--datos", """{"region":"NB"}""");
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("no puede cambiar la variable «region»"));
            Assert.That(await cli.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = '{instance}' AND state -> 'variables' ->> 'region' = 'AP'"), Is.EqualTo(1));
        });
    }
}
