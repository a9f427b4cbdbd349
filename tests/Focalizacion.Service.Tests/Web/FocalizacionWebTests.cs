using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Service.Tests.Api;
using Focalizacion.Testing;
using Microsoft.Playwright;
using NodaTime;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The focalización in the browser: Ñuble's GORE submits its preliminary as the template filled in,
/// Sercotec writes an observation on a line that the observaciones oficio lists, a final without its
/// acta is reviewed «no conforme» and the ajuste oficio lists the problems, the corrected final is
/// conforming and becomes the region's outcome on the national page. Biobío is kept for a refused
/// upload, so the tests do not depend on their order.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FocalizacionWebTests : WebFixture
{
    /// <summary>Each instrument's monto preliminar (and the budget of its single line): 100, 110, 120… millions.</summary>
    private static long Amount(int instrument) => 100_000_000L + (instrument * 10_000_000L);

    /// <summary>A focalización with one line per instrument, each of <see cref="Amount"/>, in <paramref name="communeCut"/>.</summary>
    private static Documents.Focalizaciones.Focalizacion Sample(string region, Stage stage, string communeCut, long? crece = null, ActaCore? acta = null) =>
        new(region, 2027, stage,
            [.. Instruments.All.Select((instrument, i) => new FocalizacionLine(
                instrument, $"Acción de {instrument}", "Fortalecer los negocios de la región", true,
                TerritorialCriterion.OfCommunes([communeCut]), ["A", "G"], new ClientProfile("Mujeres", "Mapuche", "Jóvenes (18 a 29 años)"),
                i == 0 && crece is { } changed ? changed : Amount(i), 40 + i, new GovernmentCommitment(false, ""),
                "Diversificar la matriz productiva", "Baja asociatividad"))],
            [], acta);

    private static FilePayload Xlsx(Documents.Focalizaciones.Focalizacion content) => new()
    {
        Name = "focalizacion.xlsx",
        MimeType = TemplateWriter.ContentType,
        Buffer = TemplateWriter.Write(content.Region, content.BudgetYear, content.Stage, content),
    };

    private static readonly FilePayload ActaPdf = new()
    {
        Name = "acta-core.pdf",
        MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    };

    [Test]
    public async Task Nuble_s_focalizacion_goes_from_the_preliminary_to_a_conforming_final_that_becomes_the_outcome()
    {
        const string page = "/ciclos/2027/NB/focalizacion";
        var acta = new ActaCore("Acuerdo N° 77/2026", new LocalDate(2026, 12, 10));

        // The GORE downloads the template and uploads its preliminary.
        await LogInAsync(AdminApiService.GoreNb, page);
        var (templateName, template) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar planilla preliminar" }));
        Assert.That(templateName, Is.EqualTo("focalizacion-NB-2027-preliminar.xlsx"));
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            Assert.That(workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name?.Value), Does.Contain("Focalización"));
        }
        await CheckPageAsync("focalizacion-gore-envio");
        await Page.GetByLabel("Planilla de la focalización preliminar (XLSX)").SetInputFilesAsync(Xlsx(Sample("NB", Stage.Preliminar, "16103")));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización preliminar" }).ClickAsync();
        Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Not.Contain("No se guardó nada"));
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización preliminar v1"));
        Assert.That(await Page.Locator("table.versiones[data-etapa='preliminar'] tr[data-version='1']").InnerTextAsync(), Does.Contain("Gabriela Ñuble (gore.nb@gore.ejemplo.cl)").And.Not.Contain("(web)"), "named as a person, not as the journal's actor");
        await SignOutAsync();

        // Sercotec central writes an observation on line 1 and sends them.
        await LogInAsync(AdminApiService.Central, page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "preliminar v1", Exact = true }).ClickAsync();
        var observation = Page.GetByLabel("Observación a la Línea 1: Crece — «Acción de Crece»");
        await observation.FillAsync("Precise las comunas del valle");
        await CheckPageAsync("focalizacion-observaciones");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar observaciones" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se enviaron las observaciones"));
        Assert.That(await Page.Locator(".observaciones-lineas li[data-linea='1']").InnerTextAsync(),
            Does.Contain("Precise las comunas del valle").And.Contain("Carla Central (central@sercotec.ejemplo.cl)").And.Not.Contain("(web)"),
            "the author named as a person, not as the journal's actor");
        Assert.That(await Page.Locator("#observacion-1").CountAsync(), Is.Zero, "sent once: the form is gone");
        Assert.That(await Page.Locator("table.lineas-focalizacion tr[data-linea='1'] td.observaciones").InnerTextAsync(), Is.EqualTo("Precise las comunas del valle"),
            "the lines table shows each line's observations");
        Assert.That(await Page.Locator("table.lineas-focalizacion tr[data-linea='2'] td.observaciones").InnerTextAsync(), Is.Empty);
        Assert.That(await OficioTextAsync("observaciones-sercotec"), Does.Contain("Línea 1 (Crece, «Acción de Crece»): Precise las comunas del valle"));

        // The montos preliminares; then a final without its acta and with Crece's total off.
        var montos = new JsonObject();
        for (var i = 0; i < Instruments.All.Count; i++)
        {
            montos[Instruments.All[i]] = Amount(i);
        }
        using (var recorded = await Api.PostAsync("/api/v1/ciclos/2027/NB/eventos", AdminApiService.Central,
            new JsonObject { ["evento"] = CycleEvent.MontosRegistrados, ["datos"] = new JsonObject { ["montos"] = montos } }.ToJsonString()))
        {
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await recorded.Content.ReadAsStringAsync());
        }
        await SignOutAsync();
        await LogInAsync(AdminApiService.GoreNb, page);
        await Page.GetByLabel("Planilla de la focalización final (XLSX)").SetInputFilesAsync(Xlsx(Sample("NB", Stage.Final, "16103", crece: 90_000_000, acta: acta)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización final v1").And.Contain("observaciones"));
        await SignOutAsync();

        // Central keeps the automatic «No conforme»: the ajuste oficio lists the problems.
        await LogInAsync(AdminApiService.Central, page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "final v1", Exact = true }).ClickAsync();
        var failures = await Page.Locator("ul.incumplimientos li").AllInnerTextsAsync();
        Assert.That(failures, Has.Some.Contains("Crece").And.Some.Contains("acta"));
        Assert.That(await Page.GetByLabel("No conforme").IsCheckedAsync(), Is.True, "preselected with the automatic verdict");
        await CheckPageAsync("focalizacion-revision");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Registrar la revisión" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se registró la revisión"));
        var ajuste = await OficioTextAsync("ajuste");
        Assert.That(failures, Is.Not.Empty);
        foreach (var failure in failures)
        {
            Assert.That(ajuste, Does.Contain(failure), "the ajuste oficio lists every failed requirement");
        }
        Assert.That(await Api.Database.AwaitsAsync("NB/2027", CycleEvent.FinalRecibida), "once the ajuste is sent, the cycle awaits the corrected final");
        await SignOutAsync();

        // The GORE corrects it and adds the acta, first with a mistyped commune: the workbook is refused,
        // the acta kept, and the corrected workbook goes without choosing the file again.
        await LogInAsync(AdminApiService.GoreNb, page);
        const string actas = "SELECT count(*) FROM documentos WHERE region = 'NB' AND tipo = 'acta-core'";
        var mistyped = Xlsx(Sample("NB", Stage.Final, "16103", acta: acta));
        mistyped.Buffer = Misspelled(mistyped.Buffer, "Chillán Viejo", "Chilan Viejo");
        await Page.GetByLabel("Planilla de la focalización final (XLSX)").SetInputFilesAsync(mistyped);
        await Page.GetByLabel("Acta o acuerdo del Consejo Regional (PDF)").SetInputFilesAsync(ActaPdf);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.Locator("ul.problemas-planilla li").AllInnerTextsAsync(), Has.All.Contains("«Chilan Viejo»"));
        Assert.That(await Page.GetByRole(AriaRole.Alert).Locator("h2").InnerTextAsync(), Is.EqualTo("No se envió la focalización: solo se guardó el acta CORE"));
        Assert.That(await Page.Locator(".acta-adjunta").InnerTextAsync(), Does.StartWith("Acta adjunta: «acta-core.pdf» (1 KB) — reemplazar"));
        Assert.That(await Api.Database.ScalarAsync(actas), Is.EqualTo(1L), "the acta is archived once");
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'NB' AND etapa = 'final'"), Is.EqualTo(1L), "no version from the refused workbook");
        await CheckPageAsync("focalizacion-acta-adjunta");
        await Page.GetByLabel("Planilla de la focalización final (XLSX)").SetInputFilesAsync(Xlsx(Sample("NB", Stage.Final, "16103", acta: acta)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización final v2: cumple"));
        var (actaName, actaBytes) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Acta CORE de final v2" }));
        Assert.That(actaName, Is.EqualTo("acta-core.pdf"));
        Assert.That(actaBytes, Is.EqualTo(ActaPdf.Buffer), "the archive gives the acta as uploaded");
        Assert.That(await Api.Database.ScalarAsync(actas), Is.EqualTo(1L), "v2 references the kept acta; no second copy");
        await Page.GetByRole(AriaRole.Link, new() { Name = "final v2", Exact = true }).ClickAsync();
        Assert.That(await Page.Locator("table.diferencias tr[data-cambio='Changed']").InnerTextAsync(),
            Does.Contain("Crece").And.Contain("Presupuesto ($): $ 90.000.000 → $ 100.000.000"));
        Assert.That(await Page.Locator("p.bajada").InnerTextAsync(), Does.Contain("Enviada por Gabriela Ñuble (gore.nb@gore.ejemplo.cl) el"));
        // At 1366 px the lines table scrolls sideways inside its frame; the page itself does not.
        var widths = await Page.EvaluateAsync<int[]>(
            "() => { const f = document.querySelector('table.lineas-focalizacion').closest('.tabla-desplazable'); " +
            "return [f.scrollWidth, f.clientWidth, document.documentElement.scrollWidth, window.innerWidth]; }");
        Assert.That(widths[0], Is.GreaterThan(widths[1]), "the lines table is wider than its frame, which scrolls");
        Assert.That(widths[2], Is.LessThanOrEqualTo(widths[3]), "the page does not overflow sideways");
        await CheckPageAsync("focalizacion-version");
        await SignOutAsync();

        // Central confirms the automatic «Conforme»: the outcome is that version.
        await LogInAsync(AdminApiService.Central, page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "final v2", Exact = true }).ClickAsync();
        Assert.That(await Page.GetByLabel("Conforme", new() { Exact = true }).IsCheckedAsync(), Is.True);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Registrar la revisión" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se registró la revisión"));
        var origin = Page.Locator("table.nacional tr[data-region='NB'] td.origen");
        var shown = await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
        {
            await Page.GotoAsync("/focalizacion/nacional?anio=2027");
            return await origin.InnerTextAsync() == "focalización final v2";
        });
        Assert.That(shown, Is.True, "the national page names the version that applies: " + await origin.InnerTextAsync());
        Assert.That(await Page.Locator("table.nacional tr[data-region='BI'] td.origen").InnerTextAsync(), Is.EqualTo("sin resultado aún"));
        await CheckPageAsync("focalizacion-nacional");
        var (csvName, csv) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }));
        Assert.That(csvName, Is.EqualTo("focalizacion-nacional-2027.csv"));
        Assert.That(Encoding.UTF8.GetString(csv), Does.Contain("Región de Ñuble;focalización final v2;Crece;Acción de Crece").Or.Contain("Ñuble;focalización final v2;Crece;Acción de Crece"));
    }

    [Test]
    public async Task An_upload_with_a_commune_of_no_such_name_names_its_cell_and_stores_nothing()
    {
        const string page = "/ciclos/2027/BI/focalizacion";
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI'");
        await LogInAsync(AdminApiService.GoreBi, page);
        var workbook = Xlsx(Sample("BI", Stage.Preliminar, "08101"));
        workbook.Buffer = Misspelled(workbook.Buffer, "Concepción", "Concepsión");
        await Page.GetByLabel("Planilla de la focalización preliminar (XLSX)").SetInputFilesAsync(workbook);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización preliminar" }).ClickAsync();

        var problems = await Page.Locator("ul.problemas-planilla li").AllInnerTextsAsync();
        Assert.That(problems, Has.Count.EqualTo(Instruments.All.Count), "every line's cell, each named: " + string.Join("\n", problems));
        Assert.That(problems, Has.All.Match(new Regex(@"^Focalización!F\d+: la comuna «Concepsión» no es de la .*Biobío; ¿quiso decir «Concepción»\?$")));
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("No se guardó nada"));
        Assert.That(await Page.GetByLabel("Planilla de la focalización preliminar (XLSX)").GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI'"), Is.EqualTo(before));
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM documentos WHERE region = 'BI' AND tipo <> 'oficio-pdf'"), Is.Zero, "nothing archived");
        await CheckPageAsync("focalizacion-problemas");

        // Another region's focalización is not found, nor its files.
        Assert.That((await Page.GotoAsync("/ciclos/2027/NB/focalizacion"))!.Status, Is.EqualTo(404));
        Assert.That((await Page.GotoAsync("/ciclos/2027/NB/focalizacion?handler=Plantilla&etapa=preliminar"))!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Sercotec_s_observations_per_line_are_kept_with_their_event_or_not_at_all()
    {
        // Los Ríos, a region no other test of this fixture uses, submits its preliminary.
        var gore = await Api.AddGoreAsync("LR");
        using (var uploaded = await Api.UploadFocalizacionAsync(2027, "LR", "preliminar", gore, Xlsx(Sample("LR", Stage.Preliminar, "14101")).Buffer))
        {
            Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await uploaded.Content.ReadAsStringAsync());
        }
        const string Recorded =
            "SELECT count(*) FROM journal j JOIN workflow_instances i ON i.id = j.instance_id " +
            $"WHERE i.correlation_key = 'LR/2027' AND j.event = 'mensaje «{CycleEvent.ObservacionesEnviadas}»' AND j.kind = 'mensaje-recibido'";
        const string Rows = "SELECT count(*) FROM focalizacion_observaciones WHERE region = 'LR'";

        // The database fails on the per-line rows, as it would if it went down between two writes.
        await Api.Database.ExecuteAsync(
            "CREATE FUNCTION prueba_falla_observaciones() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'falla simulada'; END $$; " +
            "CREATE TRIGGER prueba_falla_observaciones BEFORE INSERT ON focalizacion_observaciones FOR EACH STATEMENT EXECUTE FUNCTION prueba_falla_observaciones()");
        try
        {
            await LogInAsync(AdminApiService.Central, "/ciclos/2027/LR/focalizacion");
            await Page.GetByRole(AriaRole.Link, new() { Name = "preliminar v1", Exact = true }).ClickAsync();
            await Page.GetByLabel("Observación a la Línea 1: Crece — «Acción de Crece»").FillAsync("Falta el rango etario");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar observaciones" }).ClickAsync();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await Api.Database.ScalarAsync(Recorded), Is.Zero, "the event is not recorded without its rows: its oficio would list observations the page does not keep");
                Assert.That(await Api.Database.ScalarAsync(Rows), Is.Zero);
            }
        }
        finally
        {
            await Api.Database.ExecuteAsync("DROP TRIGGER prueba_falla_observaciones ON focalizacion_observaciones; DROP FUNCTION prueba_falla_observaciones()");
        }

        // Sent again once the database works: the event and its rows, both.
        await Page.GotoAsync("/ciclos/2027/LR/focalizacion");
        await Page.GetByRole(AriaRole.Link, new() { Name = "preliminar v1", Exact = true }).ClickAsync();
        await Page.GetByLabel("Observación a la Línea 1: Crece — «Acción de Crece»").FillAsync("Falta el rango etario");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar observaciones" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se enviaron las observaciones"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Api.Database.ScalarAsync(Recorded), Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync(Rows), Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_observaciones WHERE region = 'LR' AND linea = 1 AND texto = 'Falta el rango etario' AND autor LIKE '%central@sercotec.ejemplo.cl%'"), Is.EqualTo(1));
        }
    }

    /// <summary>The workbook with every inline text <paramref name="from"/> of its «Focalización» sheet written <paramref name="to"/>, as a person would mistype it.</summary>
    private static byte[] Misspelled(byte[] workbook, string from, string to)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "Focalización");
            var worksheet = (WorksheetPart)part.GetPartById(sheet.Id!);
            var texts = worksheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Where(t => t.Text == from).ToList();
            Assert.That(texts, Is.Not.Empty, $"the template writes «{from}»");
            texts.ForEach(t => t.Text = to);
            worksheet.Worksheet.Save();
        }
        return stream.ToArray();
    }

    private async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ingresar" || new Uri(url).AbsolutePath == "/salir");
    }

    /// <summary>The text of Ñuble's latest oficio of <paramref name="milestone"/>, once sent.</summary>
    private async Task<string> OficioTextAsync(string milestone)
    {
        string? text = null;
        var sent = await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
        {
            await using var command = Api.Database.Store.DataSource.CreateCommand(
                "SELECT texto FROM correos WHERE region = 'NB' AND tipo = 'oficio' AND hito = $1 AND estado = 'enviado' ORDER BY id DESC LIMIT 1");
            command.Parameters.Add(new() { Value = milestone });
            text = await command.ExecuteScalarAsync() as string;
            return text is not null;
        });
        Assert.That(sent, Is.True, $"the oficio of {milestone} was sent\n" + Api.Service.Output);
        return text!;
    }
}
