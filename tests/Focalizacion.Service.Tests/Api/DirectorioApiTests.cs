using System.Net;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/directorio</c> on the running service: who holds each cycle role, assigning one, bad fields by name, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DirectorioApiTests : ApiServiceFixture
{

    [Test]
    public async Task An_auditor_reads_a_regions_holders_with_the_central_role_as_directorio_listar_shows_them()
    {
        using var nuble = await Api.GetAsync("/api/v1/directorio?region=nuble", AdminApiService.Auditor);
        var rows = (await AdminApiService.ReadAsync(nuble, HttpStatusCode.OK)).EnumerateArray().ToList();
        using var all = await Api.GetAsync("/api/v1/directorio", AdminApiService.Auditor);
        Assert.Multiple(async () =>
        {
            Assert.That(rows.Select(r => r.GetProperty("region").GetString()).Distinct(), Is.EquivalentTo(new[] { "central", "NB" }));
            Assert.That(rows, Has.Count.EqualTo(5), "four regional roles and the central one");
            var contraparte = rows.Single(r => r.GetProperty("rol").GetString() == "gore-contraparte");
            Assert.That(contraparte.GetProperty("correo").GetString(), Is.EqualTo("contraparte.nb@gore.ejemplo.invalid"));
            Assert.That(contraparte.GetProperty("cargo").GetString(), Does.Contain("GORE Ñuble"));
            Assert.That((await AdminApiService.ReadAsync(all, HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(16 * 4 + 1));
        });
    }

    [Test]
    public async Task Assigning_makes_that_person_the_only_holder_of_the_role_there_and_nowhere_else()
    {
        using var assigned = await Api.PutAsync("/api/v1/directorio/nuble/gore-gobernador", AdminApiService.Admin,
            """{ "correo": "Ana Pérez <ana@gore-nuble.cl>", "cargo": "Gobernadora Regional de Ñuble" }""");
        var row = await AdminApiService.ReadAsync(assigned, HttpStatusCode.OK);
        using var central = await Api.PutAsync("/api/v1/directorio/central/central-gerencia-regiones", AdminApiService.Admin,
            """{ "correo": "gerencia@sercotec.cl", "nombre": "Luis Soto" }""");
        var centralRow = await AdminApiService.ReadAsync(central, HttpStatusCode.OK);
        using var nuble = await Api.GetAsync("/api/v1/directorio?region=NB", AdminApiService.Admin);
        var governors = (await AdminApiService.ReadAsync(nuble, HttpStatusCode.OK)).EnumerateArray().Where(r => r.GetProperty("rol").GetString() == "gore-gobernador").ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(row.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(row.GetProperty("nombre").GetString(), Is.EqualTo("Ana Pérez"), "the display name of the address");
            Assert.That(governors.Select(g => g.GetProperty("correo").GetString()), Is.EqualTo(new[] { "ana@gore-nuble.cl" }));
            Assert.That(centralRow.GetProperty("region").GetString(), Is.EqualTo("central"));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM directorio WHERE region IS NULL AND correo = 'gerencia@sercotec.cl' AND nombre = 'Luis Soto'"), Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM directorio WHERE region = 'BI' AND rol = 'gore-gobernador' AND correo = 'gobernador.bi@gore.ejemplo.invalid'"), Is.EqualTo(1),
                "other regions keep theirs");
        });
    }

    [TestCase("XX/gore-gobernador", """{ "correo": "ana@gore.cl" }""", "lugar", "no existe la región «XX»")] // the place in the path
    [TestCase("NB/gobernador", """{ "correo": "ana@gore.cl" }""", "rol", "«gobernador» no es un rol del ciclo")] // a role that is not the cycle's
    [TestCase("NB/central-gerencia-regiones", """{ "correo": "ana@gore.cl" }""", "rol", "es un rol central")] // a central role in a region
    [TestCase("central/gore-gobernador", """{ "correo": "ana@gore.cl" }""", "rol", "es un rol regional")] // a regional role centrally
    [TestCase("NB/gore-gobernador", """{ "correo": "ana(arroba)gore.cl" }""", "correo", "no es una dirección de correo válida")] // not an address
    [TestCase("NB/gore-gobernador", """{ "nombre": "Ana" }""", "correo", "falta el correo")] // nobody to assign
    [TestCase("NB/gore-gobernador", """{ "correo": "ana@gore.cl", "nombre": "Ana\nBcc: otro@x.cl" }""", "nombre", "no puede tener saltos de línea")] // a header injection
    [TestCase("NB/gore-gobernador", """{ "correo": "ana@gore.cl", "email": "ana@gore.cl" }""", "email", "la operación no lleva ese campo")] // a misspelt field is not ignored
    [TestCase("NB/gore-gobernador", """{ "correo": 7 }""", "correo", "valor de un tipo que no corresponde")] // a number for a text
    public async Task A_bad_field_is_a_400_naming_it_and_nothing_changes(string path, string body, string field, string detail)
    {
        using var response = await Api.PutAsync($"/api/v1/directorio/{path}", AdminApiService.Admin, body);
        var problem = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest), problem.Detail);
            Assert.That(problem.Field, Is.EqualTo(field));
            Assert.That(problem.Detail, Does.StartWith(field + ": ").And.Contain(detail));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM directorio WHERE correo = 'ana@gore.cl'"), Is.Zero);
        });
    }

    [Test]
    public async Task An_unknown_region_filter_is_a_400_and_only_administrators_assign()
    {
        using var unknown = await Api.GetAsync("/api/v1/directorio?region=XX", AdminApiService.Auditor);
        using var auditor = await Api.PutAsync("/api/v1/directorio/NB/gore-gobernador", AdminApiService.Auditor, """{ "correo": "x@gore.cl" }""");
        using var central = await Api.PutAsync("/api/v1/directorio/NB/gore-gobernador", AdminApiService.Central, """{ "correo": "x@gore.cl" }""");
        using var gore = await Api.GetAsync("/api/v1/directorio?region=NB", AdminApiService.GoreNb);
        Assert.Multiple(async () =>
        {
            Assert.That(await AdminApiService.ProblemAsync(unknown), Is.EqualTo((HttpStatusCode.BadRequest, "region: región desconocida «XX»", (string?)"region")));
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(central.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(gore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM directorio WHERE correo = 'x@gore.cl'"), Is.Zero);
        });
    }
}
