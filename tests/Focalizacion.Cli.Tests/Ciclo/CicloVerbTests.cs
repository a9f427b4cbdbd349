using NodaTime;

namespace Focalizacion.Cli.Tests.Ciclo;

public class CicloVerbTests
{
    [Test]
    public async Task Preparar_twice_migrates_seeds_and_publishes_once()
    {
        await using var cli = await CycleCli.CreateAsync(CycleCli.November2026);
        var first = await cli.RunAsync("ciclo", "preparar");
        var second = await cli.RunAsync("ciclo", "preparar", "--json");
        Assert.Multiple(async () =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(first.Output, Does.Contain("versión 1 publicada"));
            Assert.That(second.ExitCode, Is.Zero, second.Error);
            Assert.That(second.Json().GetProperty("publicada").GetBoolean(), Is.False);
            Assert.That(second.Json().GetProperty("destinatariosAgregados").GetInt32(), Is.Zero);
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions"), Is.EqualTo(1));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM directorio"), Is.EqualTo(65));
        });
    }

    [Test]
    public async Task Iniciar_starts_all_16_regions_then_reports_them_all_as_existing()
    {
        await using var cli = await CycleCli.PreparedAsync(Instant.FromUtc(2026, 1, 10, 15, 0));
        var first = await cli.RunAsync("ciclo", "iniciar", "2027", "--json");
        var second = await cli.RunAsync("ciclo", "iniciar", "2027");
        Assert.Multiple(async () =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(first.Json().EnumerateArray().Count(r => !r.GetProperty("yaExistia").GetBoolean()), Is.EqualTo(16));
            Assert.That(second.ExitCode, Is.Zero, second.Error);
            Assert.That(second.Output, Does.Contain("Iniciadas: 0. Ya existían: 16."));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM workflow_instances"), Is.EqualTo(16));
        });
    }

    [Test]
    public async Task Iniciar_mid_year_records_milestones_flags_the_overdue_ones_and_sends_no_past_oficio()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var run = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--hito", "presupuesto-exploratorio=2026-06-25", "--json");
        await cli.RunDueWorkAsync();
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var start = run.Json().EnumerateArray().Single();
        Assert.Multiple(async () =>
        {
            Assert.That(start.GetProperty("vencidosSinRegistro").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "oficio-inicio", "focalizacion-preliminar" }));
            Assert.That(start.GetProperty("hitosRegistrados").GetProperty("presupuesto-exploratorio").GetString(), Is.EqualTo("2026-06-25"));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM correos WHERE hito IN ('oficio-inicio', 'presupuesto-exploratorio')"), Is.Zero, "no past oficio is sent");
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM outbox WHERE node_id IN ('OficioInicio', 'OficioPresupuesto')"), Is.Zero);
        });
    }

    [TestCase("ofició=2026-03-10", "--hito: hito desconocido «ofició»")]
    [TestCase("oficio-inicio=2026-13-10", "--hito oficio-inicio: «2026-13-10» no es una fecha válida")]
    [TestCase("oficio-inicio", "--hito: «oficio-inicio» no tiene la forma")]
    [TestCase("focalizacion-final=2026-12-30", "posterior a hoy; no se inició ninguna región")]
    public async Task Iniciar_with_a_bad_milestone_starts_nothing_and_names_the_argument(string hito, string message)
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var run = await cli.RunAsync("ciclo", "iniciar", "2027", "--hito", "oficio-inicio=2026-03-10", "--hito", hito);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.StartWith("Error: ").And.Contain(message));
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM workflow_instances"), Is.Zero);
        });
    }

    [Test]
    public async Task Iniciar_reads_per_region_records_from_a_file()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var path = Path.Combine(Path.GetTempPath(), $"registro-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"NB": {"oficio-inicio": "2026-03-10"}, "MA": {"focalizacion-preliminar": "2026-11-14"}}""");
        var run = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--region", "MA", "--registro", path, "--json");
        File.Delete(path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var overdue = run.Json().EnumerateArray().ToDictionary(
            r => r.GetProperty("region").GetString()!, r => r.GetProperty("vencidosSinRegistro").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.That(overdue["NB"], Is.EqualTo(new[] { "presupuesto-exploratorio", "focalizacion-preliminar" }));
        Assert.That(overdue["MA"], Is.EqualTo(new[] { "oficio-inicio", "presupuesto-exploratorio" }));
    }

    [Test]
    public async Task Evento_refuses_an_unknown_name_and_records_a_waited_one()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--hito", "oficio-inicio=2026-03-10", "--hito", "presupuesto-exploratorio=2026-06-25");
        var unknown = await cli.RunAsync("ciclo", "evento", "NB", "2027", "preliminar-llego");
        var final = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-final-recibida");
        var accepted = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida");
        var again = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida");
        var noCycle = await cli.RunAsync("ciclo", "evento", "MA", "2027", "focalizacion-preliminar-recibida");
        Assert.Multiple(() =>
        {
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Error, Does.Contain("evento desconocido «preliminar-llego»"));
            Assert.That(final.ExitCode, Is.EqualTo(2));
            Assert.That(final.Error, Does.StartWith("Error: --conforme:"));
            Assert.That(accepted.ExitCode, Is.Zero, accepted.Error);
            Assert.That(accepted.Output, Does.Contain("registrado «focalizacion-preliminar-recibida»"));
            Assert.That(again.ExitCode, Is.EqualTo(1));
            Assert.That(again.Error, Does.StartWith("Rechazado: "));
            Assert.That(noCycle.ExitCode, Is.EqualTo(1));
            Assert.That(noCycle.Error, Does.Contain("no hay una instancia en curso de la región MA"));
        });
    }

    [Test]
    public async Task A_final_sent_with_its_document_and_no_verdict_waits_for_Sercotec_s_review()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var started = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--hito", "oficio-inicio=2026-03-10", "--hito", "presupuesto-exploratorio=2026-06-25", "--json");
        var instance = started.Json().EnumerateArray().Single().GetProperty("instancia").GetGuid();
        async Task<bool> WaitsForReviewAsync() =>
            await cli.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = '{instance}' AND state::text LIKE '%\"EsperaRevision\"%'") == 1;

        // The version the GORE submitted (through the web or the API), which the automatic rules found wanting.
        var version = await cli.Database.ScalarAsync(
            "INSERT INTO focalizacion_versiones (region, anio_presupuestario, etapa, version, contenido, observaciones, enviada_por, enviada_at) " +
            $"VALUES ('NB', 2027, 'final', 1, '{Documents.Focalizaciones.FocalizacionJson.Serialize(Testing.FocalizacionSamples.Of("NB", 2027, Documents.Focalizaciones.Stage.Final))}', " +
            """'[{"Tipo":"Incumplimiento","Instrumento":null,"Mensaje":"Falta el PDF del acta"}]', 'gore', now()) RETURNING id""");
        var unknown = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-final-recibida", "--datos", $$"""{"focalizacion": {{version + 1}}}""");
        var final = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-final-recibida", "--datos", $$"""{"focalizacion": {{version}}}""");
        var waiting = await WaitsForReviewAsync();
        var unsaid = await cli.RunAsync("ciclo", "evento", "NB", "2027", "revision-final-registrada");
        var review = await cli.RunAsync("ciclo", "evento", "NB", "2027", "revision-final-registrada", "--conforme", "no", "--datos", """{"observaciones": ["Falta el acta del Consejo Regional"]}""");
        var afterReview = await WaitsForReviewAsync();
        var again = await cli.RunAsync("ciclo", "evento", "NB", "2027", "revision-final-registrada", "--conforme", "no");
        var onPreliminary = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida", "--conforme", "true");
        Assert.Multiple(async () =>
        {
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Error, Does.Contain("datos.focalizacion: no hay una focalización final enviada con ese número"));
            Assert.That(final.ExitCode, Is.Zero, final.Error);
            Assert.That(waiting, Is.True, "a final without a verdict waits for the review");
            Assert.That(unsaid.ExitCode, Is.EqualTo(2));
            Assert.That(unsaid.Error, Does.StartWith("Error: --conforme: falta"));
            Assert.That(review.ExitCode, Is.Zero, review.Error);
            Assert.That(afterReview, Is.False, "the non-conforming review goes on to the ajuste");
            Assert.That(again.ExitCode, Is.EqualTo(1), "a second review is not waited for");
            Assert.That(await cli.Database.ScalarAsync(
                "SELECT count(*) FROM journal WHERE kind = 'mensaje-recibido' AND details LIKE '%revision-final-registrada%con datos%Falta el acta del Consejo Regional%'"), Is.EqualTo(1),
                "the review's verdict and observations are journaled");
            Assert.That(onPreliminary.ExitCode, Is.EqualTo(2));
            Assert.That(onPreliminary.Error, Does.StartWith("Error: --conforme: solo se indica con los eventos «focalizacion-final-recibida», «revision-final-registrada»"));
        });
    }

    [Test]
    public async Task Estado_shows_recorded_done_and_flagged_milestones()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--hito", "presupuesto-exploratorio=2026-06-25");
        await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida");
        var json = await cli.RunAsync("ciclo", "estado", "2027", "--region", "NB", "--region", "AP", "--json");
        var text = await cli.RunAsync("ciclo", "estado", "2027", "--region", "NB");
        Assert.That(json.ExitCode, Is.Zero, json.Error);
        var regions = json.Json().EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        var milestones = regions["NB"].GetProperty("hitos").EnumerateArray().ToDictionary(m => m.GetProperty("hito").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(regions["NB"].GetProperty("estado").GetString(), Is.EqualTo("en curso"));
            Assert.That(regions["AP"].GetProperty("estado").GetString(), Is.EqualTo("sin iniciar"));
            Assert.That(milestones["oficio-inicio"].GetProperty("vencidoSinRegistro").GetBoolean(), Is.True);
            Assert.That(milestones["oficio-inicio"].GetProperty("marcadoAlIniciar").GetBoolean(), Is.True);
            Assert.That(milestones["presupuesto-exploratorio"].GetProperty("como").GetString(), Is.EqualTo("registrado al iniciar"));
            Assert.That(milestones["focalizacion-preliminar"].GetProperty("cumplidoEl").GetString(), Is.EqualTo("2026-11-20"));
            Assert.That(milestones["focalizacion-preliminar"].GetProperty("fueraDePlazo").GetBoolean(), Is.True);
            Assert.That(milestones["observaciones-sercotec"].GetProperty("fecha").GetString(), Is.EqualTo("2026-12-05"), "15 días corridos from the recorded preliminary");
            Assert.That(text.Output, Does.Contain("oficio-inicio").And.Contain("VENCIDO SIN REGISTRO (marcado al iniciar; no se envía)"));
            Assert.That(text.Output, Does.Contain("Incidentes abiertos: ninguno"));
        });
    }

    [Test]
    public async Task Iniciar_starts_a_region_whose_key_only_another_workflow_carries()
    {
        await using var cli = await CycleCli.PreparedAsync(Instant.FromUtc(2026, 1, 10, 15, 0));
        var other = await cli.StartOtherWorkflowAsync("NB", 2027);
        var run = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var start = run.Json().EnumerateArray().Single();
        Assert.Multiple(async () =>
        {
            Assert.That(start.GetProperty("yaExistia").GetBoolean(), Is.False, "another workflow's instance is not the region's cycle");
            Assert.That(start.GetProperty("instancia").GetGuid(), Is.Not.EqualTo(other));
            Assert.That(await cli.Database.ScalarAsync(
                "SELECT count(*) FROM workflow_instances i JOIN workflow_definitions d ON d.id = i.definition_id WHERE d.process_key = 'ciclo-focalizacion-regional' AND i.correlation_key = 'NB/2027'"), Is.EqualTo(1));
        });
    }

    [TestCase(true)] // both wait for the preliminary: the cycle's instance gets it
    [TestCase(false)] // the preliminary was recorded at start: the cycle refuses it, and the other workflow still does not get it
    public async Task Evento_goes_to_the_cycle_and_never_to_another_workflow_with_the_same_key(bool cycleWaits)
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var other = await cli.StartOtherWorkflowAsync("NB", 2027);
        string[] start = ["ciclo", "iniciar", "2027", "--region", "NB", "--hito", "oficio-inicio=2026-03-10", "--hito", "presupuesto-exploratorio=2026-06-25", "--json"];
        var started = await cli.RunAsync(cycleWaits ? start : [.. start, "--hito", "focalizacion-preliminar=2026-11-14"]);
        Assert.That(started.ExitCode, Is.Zero, started.Error);
        var cycle = started.Json().EnumerateArray().Single().GetProperty("instancia").GetGuid();

        var run = await cli.RunAsync("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida");

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(cycleWaits ? 0 : 1), run.Output + run.Error);
            if (cycleWaits)
            {
                Assert.That(run.Output, Does.Contain($"instancia {cycle}"));
            }
            Assert.That(await cli.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = '{other}' AND status = 'Running'"), Is.EqualTo(1), "the other workflow still waits");
            Assert.That(await cli.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = '{cycle}' AND state -> 'events' ->> 'focalizacion-preliminar-recibida' = '2026-11-20'"), Is.EqualTo(cycleWaits ? 1 : 0), "recorded today by the cycle");
        });
    }

    [Test]
    public async Task Estado_shows_the_cycle_and_not_a_newer_instance_of_another_workflow_with_the_same_key()
    {
        await using var cli = await CycleCli.PreparedAsync(CycleCli.November2026);
        var started = await cli.RunAsync("ciclo", "iniciar", "2027", "--region", "NB", "--json");
        Assert.That(started.ExitCode, Is.Zero, started.Error);
        var cycle = started.Json().EnumerateArray().Single().GetProperty("instancia").GetGuid();
        cli.Clock.Advance(Duration.FromMinutes(1)); // the other instance is the newest with that key
        await cli.StartOtherWorkflowAsync("NB", 2027);

        var run = await cli.RunAsync("ciclo", "estado", "2027", "--region", "NB", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var standing = run.Json().EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(standing.GetProperty("instancia").GetGuid(), Is.EqualTo(cycle));
            Assert.That(standing.GetProperty("esperando").EnumerateArray().Select(e => e.GetString()), Does.Not.Contain("Esperar"));
        });
    }
}
