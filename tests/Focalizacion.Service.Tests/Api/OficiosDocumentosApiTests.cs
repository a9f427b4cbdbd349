using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// The oficios' PDFs and the archive through the API (the service sent the oficios de inicio
/// itself, with their PDFs), and the DocDigital fields the Oficina de Partes enters.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OficiosDocumentosApiTests : ApiServiceFixture
{
    private string _nb = null!;
    private string _bi = null!;

    private protected override async Task StartedAsync() => (_nb, _bi) = (await ArchivedOficioAsync(Api, "NB"), await ArchivedOficioAsync(Api, "BI"));

    /// <summary>
    /// Sercotec central records the region's exploratory budget, so the cycle sends its oficio to the
    /// GORE: its key once its PDF is archived.
    /// </summary>
    internal static async Task<string> ArchivedOficioAsync(AdminApiService api, string region)
    {
        using var recorded = await api.PostAsync($"/api/v1/ciclos/2027/{region}/eventos", AdminApiService.Central, """{"evento":"presupuesto-exploratorio-registrado"}""");
        await AdminApiService.ReadAsync(recorded, HttpStatusCode.Created);
        var database = api.Database;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var command = database.Store.DataSource.CreateCommand(
                "SELECT idempotency_key FROM oficios WHERE region = $1 AND documento_id IS NOT NULL ORDER BY emitido_at, numero LIMIT 1");
            command.Parameters.Add(new() { Value = region });
            if (await command.ExecuteScalarAsync() is string key)
            {
                return key;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no oficio of {region} was archived");
            await Task.Delay(200);
        }
    }

    private static string Path(string key, string rest = "") => "/api/v1/oficios/" + Uri.EscapeDataString(key) + rest;

    [Test]
    public async Task A_gore_downloads_its_region_s_oficio_pdf_with_its_hash_and_not_another_region_s()
    {
        using var mine = await Api.GetAsync(Path(_nb, "/pdf"), AdminApiService.GoreNb);
        var pdf = await mine.Content.ReadAsByteArrayAsync();

        Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mine.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(mine.Headers.GetValues("Repr-Digest").Single(), Is.EqualTo($"sha-256=:{Convert.ToBase64String(SHA256.HashData(pdf))}:"));
        Assert.That(mine.Content.Headers.ContentDisposition?.FileNameStar, Does.Match(@"^oficio-\d+-\d{4}\.pdf$"));
        var oficio = await AdminApiService.ReadAsync(await Api.GetAsync(Path(_nb), AdminApiService.GoreNb), HttpStatusCode.OK);
        var text = oficio.GetProperty("correo").GetProperty("texto").GetString()!;
        Assert.That(PdfText.Normalized(PdfText.Words(pdf)), Does.Contain(PdfText.Normalized(text)).And.Contain("OFICIO N°"));

        // The archive's own address gives the same bytes; another region's oficio or document is not found.
        var id = oficio.GetProperty("correo").GetProperty("documento").GetInt64();
        using var archived = await Api.GetAsync($"/api/v1/documentos/{id}", AdminApiService.GoreNb);
        Assert.That(await archived.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf));
        Assert.That(archived.Headers.GetValues("Repr-Digest").Single(), Is.EqualTo(mine.Headers.GetValues("Repr-Digest").Single()));
        using var other = await Api.GetAsync(Path(_bi, "/pdf"), AdminApiService.GoreNb);
        Assert.That((await AdminApiService.ProblemAsync(other)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var otherDocument = await Api.Database.ScalarAsync($"SELECT documento_id FROM oficios WHERE idempotency_key = '{_bi}'");
        using var otherArchived = await Api.GetAsync($"/api/v1/documentos/{otherDocument}", AdminApiService.GoreNb);
        Assert.That((await AdminApiService.ProblemAsync(otherArchived)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        using var byBiobio = await Api.GetAsync($"/api/v1/documentos/{otherDocument}", AdminApiService.GoreBi);
        Assert.That(byBiobio.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(AdminApiService.GoreNb)]
    [TestCase(AdminApiService.Auditor)]
    [TestCase(AdminApiService.RegionalNb)]
    public async Task Only_the_oficina_de_partes_enters_docdigital(string who)
    {
        using var answer = await Api.PutAsync(Path(_nb, "/docdigital"), who, """{"folio": "X-1", "numero": "1"}""");

        var (status, detail, _) = await AdminApiService.ProblemAsync(answer);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(detail, Does.Contain("Su rol no permite"));
        Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM oficios WHERE idempotency_key = '{_nb}' AND docdigital_folio IS NOT NULL"), Is.Zero);
    }

    [TestCase("folio")]
    [TestCase("numero")]
    public async Task Too_long_a_value_is_refused_naming_its_field(string field)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { [field] = new string('7', 101) });

        using var answer = await Api.PutAsync(Path(_bi, "/docdigital"), AdminApiService.Central, body);

        var (status, detail, named) = await AdminApiService.ProblemAsync(answer);
        Assert.That((status, named), Is.EqualTo((HttpStatusCode.BadRequest, field)));
        Assert.That(detail, Does.StartWith($"{field}: es demasiado largo").And.Contain("100"));
    }

    [Test]
    public async Task Sercotec_central_enters_folio_and_number_which_every_reader_then_sees_and_the_journal_records()
    {
        using var put = await Api.PutAsync(Path(_nb, "/docdigital"), AdminApiService.Central, """{"folio": "E-123456/2026", "numero": "4321"}""");
        var saved = await AdminApiService.ReadAsync(put, HttpStatusCode.OK);
        Assert.That(saved.GetProperty("correo").GetProperty("docDigitalFolio").GetString(), Is.EqualTo("E-123456/2026"));

        // The GORE of the region sees it on the oficio and in the list.
        var one = await AdminApiService.ReadAsync(await Api.GetAsync(Path(_nb), AdminApiService.GoreNb), HttpStatusCode.OK);
        Assert.That((one.GetProperty("correo").GetProperty("docDigitalFolio").GetString(), one.GetProperty("correo").GetProperty("docDigitalNumero").GetString()),
            Is.EqualTo(("E-123456/2026", "4321")));
        var list = await AdminApiService.ReadAsync(await Api.GetAsync("/api/v1/oficios", AdminApiService.GoreNb), HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Single(o => o.GetProperty("id").GetString() == _nb).GetProperty("correo").GetProperty("docDigitalNumero").GetString(), Is.EqualTo("4321"));

        // Journaled as Carla Central did it, a line of Ñuble's.
        await using var journal = Api.Database.Store.DataSource.CreateCommand("SELECT actor, actor_role, region, details FROM journal WHERE kind = 'oficio-docdigital'");
        await using var reader = await journal.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync());
        Assert.That((reader.GetString(0), reader.GetString(1), reader.GetString(2)), Is.EqualTo((AdminApiService.Central, "sercotec-central", "NB")));
        Assert.That(reader.GetString(3), Does.Contain("E-123456/2026").And.Contain("4321"));

        // Blank clears.
        using var cleared = await Api.PutAsync(Path(_nb, "/docdigital"), AdminApiService.Admin, """{"folio": " ", "numero": null}""");
        var correo = (await AdminApiService.ReadAsync(cleared, HttpStatusCode.OK)).GetProperty("correo");
        Assert.That(correo.TryGetProperty("docDigitalFolio", out var folio) ? folio.ValueKind : JsonValueKind.Null, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM oficios WHERE idempotency_key = '{_nb}' AND docdigital_folio IS NULL AND docdigital_numero IS NULL"), Is.EqualTo(1));
    }
}
