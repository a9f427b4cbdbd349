using System.Net;
using System.Text.Json;

namespace Focalizacion.Service.Tests.Api;

/// <summary>The browsable API reference at <c>/api</c>: served by the service itself (no CDN), in Spanish, over the OpenAPI document, beside <c>/api/v1</c>.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ReferenciaApiTests : ApiServiceFixture
{

    [Test]
    public async Task The_reference_page_is_served_with_its_scripts_from_the_service_itself()
    {
        using var root = await Api.GetAsync("/api", null);
        using var page = await Api.GetAsync("/api/index.html", null);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        using var bundle = await Api.GetAsync("/api/swagger-ui-bundle.js", null);
        Assert.Multiple(() =>
        {
            Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.MovedPermanently), "the page, or a redirect to it");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<title>Focalización Regional — Referencia de la API</title>"));
            Assert.That(html, Does.Not.Match(@"(src|href)=""https?://"), "nothing from a CDN");
            Assert.That(bundle.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_reference_reads_the_openapi_document_that_lists_the_administration_endpoints()
    {
        using var config = await Api.GetAsync("/api/index.js", null);
        var script = await config.Content.ReadAsStringAsync();
        using var openApi = await Api.GetAsync("/openapi/v1.json", null);
        using var document = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("/openapi/v1.json"));
            Assert.That(document.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
            Assert.That(paths, Is.SupersetOf(new[]
            {
                "/api/v1/definiciones", "/api/v1/definiciones/{id}/xml", "/api/v1/definiciones/{clave}/{version}/retirar", "/api/v1/incidentes/{id}/omitir",
                "/api/v1/directorio/{lugar}/{rol}", "/api/v1/plantillas/{clave}", "/api/v1/simulaciones", "/api/v1/usuarios/{id}/desactivar",
                "/api/v1/ciclos/{anio}/{region}/calendario.ics",
            }));
        });
    }

    [Test]
    public async Task The_api_under_it_still_answers_as_the_api()
    {
        using var regions = await Api.GetAsync("/api/v1/regiones", AdminApiService.GoreNb);
        using var unknown = await Api.GetAsync("/api/v1/no-existe", AdminApiService.GoreNb);
        Assert.Multiple(async () =>
        {
            Assert.That((await AdminApiService.ReadAsync(regions, HttpStatusCode.OK)).GetArrayLength(), Is.EqualTo(16));
            Assert.That((await AdminApiService.ProblemAsync(unknown)).Status, Is.EqualTo(HttpStatusCode.NotFound), "a problem, not the reference page");
        });
    }
}
