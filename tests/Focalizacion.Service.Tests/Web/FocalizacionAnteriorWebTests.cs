using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Service.Tests.Api;
using Focalizacion.Testing;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The fallback year with the previous final attached, in the browser: Ñuble's conforming final of
/// budget year 2026 is submitted and reviewed through the API while that cycle runs (November 2025);
/// the service then lives through 2026 (restarted at the 2027 cycle's start and again after its 30
/// December with no final), so the fallback applies 2026's final, and its oficio's page names that
/// version and gives the workbook it attached, byte for byte; the cycle's page links the outcome to it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FocalizacionAnteriorWebTests : WebFixture
{
    private static readonly OffsetDateTimePattern Moment = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Budget year 2026's cycle, a year before <see cref="AdminApiService.Start"/>: after its preliminary's deadline, before its montos'.</summary>
    private protected override Instant ServiceStart => Moment.Parse("2025-11-20T12:00:00-03:00").Value.ToInstant();

    [Test]
    public async Task The_fallback_oficio_names_and_attaches_the_previous_final_and_the_cycle_links_its_outcome_to_it()
    {
        // 2026: Ñuble's GORE submits a conforming final with its acta; Sercotec central confirms it; it is the outcome.
        await RecordAsync(2026, AdminApiService.Central, """{"evento": "montos-preliminares-registrados", "datos": {"montos": """ + FocalizacionSamples.Amounts + "}}");
        var workbook = FocalizacionSamples.Workbook(FocalizacionSamples.Of("NB", 2026, Stage.Final));
        var final = await AdminApiService.ReadAsync(await UploadFinalAsync(2026, workbook), HttpStatusCode.Created);
        Assert.That(final.GetProperty("conforme").GetBoolean(), Is.True, final.ToString());
        var versionId = final.GetProperty("id").GetInt64();
        await RecordAsync(2026, AdminApiService.Central, """{"evento": "revision-final-registrada", "conforme": true}""");
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
            await Api.Database.ScalarAsync($"SELECT count(*) FROM focalizaciones WHERE region = 'NB' AND anio_presupuestario = 2026 AND resultado = 'focalizacion-final' AND version_id = {versionId}") == 1),
            "2026's outcome is that final\n" + Api.Service.Output);

        // The service lives through 2026: back at 2027's cycle (started mid-November, as every fixture's), then after its
        // 30 December with no final from Ñuble: the deadline fires at start-up and the fallback applies 2026's final.
        await Api.RestartAsync(AdminApiService.Start);
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
            await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE correlation_key = 'NB/2027'") > 0),
            "2027's cycle started\n" + Api.Service.Output);
        await Api.RestartAsync(Moment.Parse("2026-12-31T00:05:00-03:00").Value.ToInstant());
        string? key = null;
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(90), async () =>
            (key = await QueryAsync("SELECT idempotency_key FROM correos WHERE region = 'NB' AND anio_presupuestario = 2027 AND plantilla = 'focalizacion-anterior' AND estado = 'enviado'") as string) is not null),
            "the fallback oficio was sent\n" + Api.Service.Output);

        // The browser on the restarted service (another port).
        await CloseContextAsync();
        await NewContextAsync();
        var oficio = "/oficios/" + string.Join('/', key!.Split('/').Select(Uri.EscapeDataString));
        await LogInAsync(AdminApiService.GoreNb, oficio);
        // The API's record of it names the version it applies too (read with the session: the test tokens of 2025 have expired).
        var record = await Page.APIRequest.GetAsync("/api/v1/oficios/" + Uri.EscapeDataString(key!));
        Assert.That(record.Status, Is.EqualTo(200), await record.TextAsync());
        Assert.That((await record.JsonAsync())!.Value.GetProperty("correo").GetProperty("focalizacionAplicada").GetInt64(), Is.EqualTo(versionId));
        var applied = Page.Locator("dd.focalizacion-aplicada");
        Assert.That(await applied.InnerTextAsync(), Does.Contain("Focalización final v1 del año presupuestario 2026").And.Contain("enviada por el Gobierno Regional el jueves 20 de noviembre de 2025"));
        Assert.That(await Page.Locator("pre.mensaje").InnerTextAsync(),
            Does.Contain("La focalización que se aplica es la focalización final versión 1 del año presupuestario 2026")
                .And.Contain($"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(workbook))}"),
            "the oficio's text states it, with the attachment's hash");
        var (name, attached) = await DownloadAsync(applied.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Descargar el adjunto") }));
        Assert.That(name, Is.EqualTo("focalizacion.xlsx"), "the name it was uploaded with, as the oficio says it attaches it");
        Assert.That(attached, Is.EqualTo(workbook), "the attachment is the workbook the GORE submitted in 2026, byte for byte");
        Assert.That(await applied.InnerTextAsync(), Does.Contain(Convert.ToHexStringLower(SHA256.HashData(attached))));
        await CheckPageAsync("oficio-focalizacion-anterior");

        // The applied version's own page, from the oficio.
        await applied.GetByRole(AriaRole.Link, new() { Name = "Focalización final v1 del año presupuestario 2026" }).ClickAsync();
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo($"/ciclos/2026/NB/focalizacion/{versionId}"));

        // The cycle's page: the outcome, linked to that document.
        await Page.GotoAsync("/ciclos/2027/NB");
        var outcome = Page.Locator("dd.resultado-ciclo");
        Assert.That(await outcome.InnerTextAsync(), Does.StartWith("rige la focalización del año anterior"));
        Assert.That(await outcome.GetByRole(AriaRole.Link, new() { Name = "focalización final v1 del año presupuestario 2026" }).GetAttributeAsync("href"),
            Is.EqualTo($"/ciclos/2026/NB/focalizacion/{versionId}"));
        await CheckPageAsync("ciclo-focalizacion-anterior");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();

        // Another region's GORE finds neither the oficio nor its attachment.
        await LogInAsync(AdminApiService.GoreBi, "/");
        Assert.That((await Page.GotoAsync(oficio))!.Status, Is.EqualTo(404));
        Assert.That((await Page.GotoAsync(oficio + "?handler=Adjunto"))!.Status, Is.EqualTo(404));
    }

    private async Task RecordAsync(int year, string who, string json)
    {
        using var recorded = await Api.PostAsync($"/api/v1/ciclos/{year}/NB/eventos", who, json);
        await AdminApiService.ReadAsync(recorded, HttpStatusCode.Created);
    }

    private Task<HttpResponseMessage> UploadFinalAsync(int year, byte[] workbook)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "planilla", "focalizacion.xlsx");
        var pdf = new ByteArrayContent(FocalizacionSamples.Pdf);
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "acta", "acta-core.pdf");
        return Api.SendAsync(HttpMethod.Post, $"/api/v1/ciclos/{year}/NB/focalizaciones/final", AdminApiService.GoreNb, form);
    }

    private async Task<object?> QueryAsync(string sql)
    {
        await using var command = Api.Database.Store.DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
