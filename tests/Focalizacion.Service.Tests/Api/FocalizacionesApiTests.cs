using System.Net;
using System.Security.Cryptography;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// The focalización as a document through the API, against the real service and database: a GORE's
/// uploads are checked, archived and kept as versions; the review of a final reads the stored
/// version; the ajuste lists its problems; the outcome names the version that applies, and the
/// national export holds it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FocalizacionesApiTests : ApiServiceFixture
{
    private static readonly int Year = AdminApiService.Start.InUtc().Year + 1;

    private static string Versions(string region) => $"/api/v1/ciclos/{Year}/{region}/focalizaciones";

    private Task<HttpResponseMessage> UploadAsync(string region, string stage, string who, byte[] workbook, byte[]? acta = null) =>
        Api.UploadFocalizacionAsync(Year, region, stage, who, workbook, acta);

    private Task<long> CountAsync(string sql) => Api.Database.ScalarAsync(sql);

    [Test]
    public async Task A_preliminary_upload_is_archived_with_its_hash_and_kept_as_version_1_and_the_cycle_receives_it()
    {
        var workbook = FocalizacionSamples.Workbook(FocalizacionSamples.Of("NB", Year, Stage.Preliminar));

        var created = await AdminApiService.ReadAsync(await UploadAsync("NB", "preliminar", AdminApiService.GoreNb, workbook), HttpStatusCode.Created);

        Assert.That(created.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(created.GetProperty("etapa").GetString(), Is.EqualTo("preliminar"));
        var archived = created.GetProperty("planilla").GetInt64();
        using var download = await Api.GetAsync($"/api/v1/documentos/{archived}", AdminApiService.GoreNb);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.That(bytes, Is.EqualTo(workbook), "the archive keeps the upload byte for byte");
        Assert.That(download.Headers.GetValues("Repr-Digest").Single(), Is.EqualTo($"sha-256=:{Convert.ToBase64String(SHA256.HashData(workbook))}:"));
        var listed = await AdminApiService.ReadAsync(await Api.GetAsync(Versions("NB"), AdminApiService.GoreNb), HttpStatusCode.OK);
        Assert.That(listed.GetArrayLength(), Is.EqualTo(1));
        // The cycle took it as the preliminary's receipt, with the version it references.
        var received = await CountAsync(
            $"SELECT count(*) FROM journal WHERE region = 'NB' AND details LIKE '%focalizacion-preliminar-recibida%' AND details LIKE '%\"focalizacion\":{created.GetProperty("id").GetInt64()}%'");
        Assert.That(received, Is.EqualTo(1), "the journal records the preliminary received with its version");
        var again = await UploadAsync("NB", "preliminar", AdminApiService.GoreNb, workbook);
        Assert.That((await AdminApiService.ProblemAsync(again)).Status, Is.EqualTo(HttpStatusCode.Conflict), "the cycle no longer waits for a preliminary");
    }

    [Test]
    public async Task A_workbook_with_a_misspelt_commune_names_the_cell_and_stores_nothing()
    {
        var wrong = FocalizacionSamples.Of("NB", Year, Stage.Final);
        var workbook = FocalizacionSamples.Workbook(wrong);
        var edited = Workbooks.Edit(workbook, ("Focalización!F6", "Chillán Vieja"));
        var before = await CountAsync("SELECT count(*) FROM documentos WHERE tipo = 'planilla-focalizacion'");

        using var refused = await UploadAsync("NB", "final", AdminApiService.GoreNb, edited, FocalizacionSamples.Pdf);

        var body = await AdminApiService.ReadAsync(refused, HttpStatusCode.UnprocessableEntity);
        var problems = body.GetProperty("problemas").EnumerateArray().Select(p => p.GetProperty("texto").GetString()!).ToList();
        Assert.That(problems, Has.Some.StartsWith("Focalización!F6: ").And.Some.Contains("«Chillán Vieja» no es de la Región de Ñuble"));
        Assert.That(await CountAsync("SELECT count(*) FROM documentos WHERE tipo = 'planilla-focalizacion'"), Is.EqualTo(before), "nothing archived");
        Assert.That(await CountAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'NB' AND etapa = 'final'"), Is.Zero, "no version");
    }

    [Test]
    public async Task Another_region_s_gore_is_not_found_and_sercotec_does_not_upload_for_the_gore()
    {
        var workbook = FocalizacionSamples.Workbook(FocalizacionSamples.Of("NB", Year, Stage.Final));

        using var other = await UploadAsync("NB", "final", AdminApiService.GoreBi, workbook);
        using var central = await UploadAsync("NB", "final", AdminApiService.Central, workbook);

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(central.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CountAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'NB' AND etapa = 'final'"), Is.Zero);
    }

    [Test]
    public async Task A_non_conforming_final_is_reviewed_adjusted_with_its_problems_then_corrected_and_applied_by_its_version()
    {
        const string Region = "BI";
        await RecordAsync(Region, AdminApiService.Central, """{"evento": "montos-preliminares-registrados", "datos": {"montos": """ + FocalizacionSamples.Amounts + "}}");

        // The first final: its totals exceed the montos on one instrument, and it comes without the acta's PDF.
        var first = await AdminApiService.ReadAsync(
            await UploadAsync(Region, "final", AdminApiService.GoreBi, FocalizacionSamples.Workbook(FocalizacionSamples.Of(Region, Year, Stage.Final, extra: 5))),
            HttpStatusCode.Created);
        Assert.That(first.GetProperty("conforme").GetBoolean(), Is.False);
        var problems = first.GetProperty("observaciones").EnumerateArray().Where(o => o.GetProperty("tipo").GetString() == "incumplimiento")
            .Select(o => o.GetProperty("mensaje").GetString()!).ToList();
        Assert.That(problems, Has.Some.Contains("PDF del acta"));

        // Declaring it conforme departs from the automatic result: the review must say why.
        using var unexplained = await Api.PostAsync($"/api/v1/ciclos/{Year}/{Region}/eventos", AdminApiService.Central, """{"evento": "revision-final-registrada", "conforme": true}""");
        var refusal = await AdminApiService.ProblemAsync(unexplained);
        Assert.That((refusal.Status, refusal.Field), Is.EqualTo((HttpStatusCode.BadRequest, "datos.motivo")));
        await RecordAsync(Region, AdminApiService.Central, """{"evento": "revision-final-registrada", "conforme": false}""");

        string? ajuste = null;
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () => (ajuste = await TextAsync(Region, "ajuste")) is not null), "the ajuste oficio was sent");
        Assert.That(ajuste, Does.Contain(problems.First(p => p.Contains("PDF del acta", StringComparison.Ordinal))), "the ajuste lists the problems found");

        // The corrected final, with the acta, is reviewed again and applies by its version.
        Assert.That(await Api.Database.AwaitsAsync($"{Region}/{Year}", Focalizacion.Cycle.Events.CycleEvent.FinalRecibida), "once the ajuste is sent, the cycle awaits the corrected final");
        var second = await AdminApiService.ReadAsync(
            await UploadAsync(Region, "final", AdminApiService.GoreBi, FocalizacionSamples.Workbook(FocalizacionSamples.Of(Region, Year, Stage.Final)), FocalizacionSamples.Pdf),
            HttpStatusCode.Created);
        Assert.That((second.GetProperty("version").GetInt32(), second.GetProperty("conforme").GetBoolean()), Is.EqualTo((2, true)));
        await RecordAsync(Region, AdminApiService.Central, """{"evento": "revision-final-registrada", "conforme": true}""");

        long? applied = null;
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
            (applied = await QueryAsync($"SELECT version_id FROM focalizaciones WHERE region = '{Region}' AND anio_presupuestario = {Year}") as long?) is not null),
            "the outcome was recorded with its version");
        Assert.That(applied, Is.EqualTo(second.GetProperty("id").GetInt64()));
        using var national = await Api.GetAsync($"/api/v1/focalizaciones/nacional/{Year}?formato=csv", AdminApiService.Auditor);
        var csv = await national.Content.ReadAsStringAsync();
        Assert.That(national.StatusCode, Is.EqualTo(HttpStatusCode.OK), csv);
        Assert.That(csv, Does.Contain("focalización final v2").And.Contain($"Programa 1 de {Focalizacion.Cycle.Events.Instruments.All[0]}"));
        using var regional = await Api.GetAsync($"/api/v1/focalizaciones/nacional/{Year}", AdminApiService.GoreNb);
        Assert.That(regional.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the national export is for those who see every region");
    }

    private async Task RecordAsync(string region, string who, string json)
    {
        using var recorded = await Api.PostAsync($"/api/v1/ciclos/{Year}/{region}/eventos", who, json);
        await AdminApiService.ReadAsync(recorded, HttpStatusCode.Created);
    }

    private async Task<string?> TextAsync(string region, string template) =>
        await QueryAsync($"SELECT texto FROM correos WHERE region = '{region}' AND plantilla = '{template}' AND texto IS NOT NULL ORDER BY creado_at DESC LIMIT 1") as string;

    private async Task<object?> QueryAsync(string sql)
    {
        await using var command = Api.Database.Store.DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
