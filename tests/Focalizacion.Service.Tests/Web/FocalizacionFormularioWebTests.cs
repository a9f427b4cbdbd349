using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;
using Focalizacion.Service.Tests.Api;
using Focalizacion.Testing;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The GORE's web form of the focalización: Ñuble's GORE saves an incomplete draft, leaves and finds it
/// again, is told at the field what a submission lacks (nothing stored), and submits it as the
/// preliminary's version 1, which the cycle receives; Biobío's GORE does not find Ñuble's form, and
/// Sercotec may not use it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FocalizacionFormularioWebTests : WebFixture
{
    private const string Form = "/ciclos/2027/NB/focalizacion/borrador?etapa=preliminar";

    private const string Drafts = "SELECT count(*) FROM focalizacion_borradores WHERE region = 'NB' AND anio_presupuestario = 2027 AND etapa = 'preliminar'";

    private const string Versions = "SELECT count(*) FROM focalizacion_versiones WHERE region = 'NB' AND anio_presupuestario = 2027 AND etapa = 'preliminar'";

    [Test]
    public async Task A_GORE_saves_a_draft_finds_it_again_is_told_the_field_a_submission_lacks_and_submits_it()
    {
        await LogInAsync(AdminApiService.GoreNb, "/ciclos/2027/NB/focalizacion");
        await Page.GetByRole(AriaRole.Link, new() { Name = "formulario de la focalización preliminar" }).ClickAsync();
        Assert.That(new Uri(Page.Url).PathAndQuery, Is.EqualTo(Form));
        Assert.That(await Page.Locator("fieldset.linea-borrador").CountAsync(), Is.EqualTo(Instruments.All.Count), "a new draft has a line per instrument");
        Assert.That(await Page.Locator("#l0-A").InputValueAsync(), Is.EqualTo(Instruments.All[0]));

        // An incomplete draft is saved as it is.
        await Page.Locator("#l0-B").FillAsync("Ferias locales");
        await Page.Locator("#l0-K").FillAsync("150.000.000");
        await Page.Locator("#l0-F").SelectOptionAsync(["Chillán", "Chillán Viejo"]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).First.ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se guardó el borrador de la focalización preliminar"));
        Assert.That(await Api.Database.ScalarAsync(Drafts), Is.EqualTo(1));
        Assert.That(await Api.Database.ScalarAsync(Versions), Is.Zero, "a draft is no submission");

        // Leaving and coming back, it is there.
        await Page.GotoAsync("/");
        await Page.GotoAsync(Form);
        Assert.That(await Page.Locator("#l0-B").InputValueAsync(), Is.EqualTo("Ferias locales"));
        Assert.That(await Page.Locator("#l0-K").InputValueAsync(), Is.EqualTo("150.000.000"));
        Assert.That(await Page.Locator("#l0-F option:checked").AllInnerTextsAsync(), Is.EqualTo(new[] { "Chillán", "Chillán Viejo" }));
        Assert.That(await Page.Locator(".borrador-guardado").InnerTextAsync(), Does.Contain(AdminApiService.GoreNb));

        // Every line filled in, but line 2's budget in words: the field says so, and nothing is stored.
        for (var i = 0; i < Instruments.All.Count; i++)
        {
            await FillLineAsync(i, i == 1 ? "ciento veinte millones" : $"{100 + (i * 10)}.000.000");
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización preliminar" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(),
            Does.Contain("No se envió").And.Contain($"Línea 2 ({Instruments.All[1]}), Presupuesto ($): El presupuesto no es un monto en pesos enteros"));
        Assert.That(await Page.Locator("#l1-K").GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        Assert.That(await Page.Locator("#l1-K-error").InnerTextAsync(), Does.Contain("presupuesto").And.Contain("ciento veinte millones"));
        Assert.That(await Page.Locator("#l1-K").InputValueAsync(), Is.EqualTo("ciento veinte millones"), "what was typed is shown again");
        Assert.That(await Page.Locator(".campo--error").CountAsync(), Is.EqualTo(1), "only the wrong field is marked");
        Assert.That(await Api.Database.ScalarAsync(Versions), Is.Zero);
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM documentos WHERE region = 'NB' AND tipo = 'planilla-focalizacion'"), Is.Zero, "nothing archived");
        await CheckPageAsync("focalizacion-formulario-errores");

        // Corrected, it is submitted through the upload's path: a version with its workbook, and the cycle's milestone.
        await Page.Locator("#l1-K").FillAsync("120.000.000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización preliminar" }).ClickAsync();
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/ciclos/2027/NB/focalizacion"));
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización preliminar v1"));
        Assert.That(await Api.Database.ScalarAsync(Versions), Is.EqualTo(1));
        Assert.That(await Api.Database.ScalarAsync(
            "SELECT count(*) FROM focalizacion_versiones v JOIN documentos d ON d.id = v.planilla_id WHERE v.region = 'NB' AND d.tipo = 'planilla-focalizacion' " +
            "AND v.contenido -> 'lines' -> 0 ->> 'action' = 'Ferias locales' AND (v.contenido -> 'lines' -> 1 ->> 'budget')::bigint = 120000000"), Is.EqualTo(1),
            "the version holds what was typed, with its workbook archived");
        Assert.That(await Api.Database.ScalarAsync(Drafts), Is.Zero, "a submitted draft is done with");
        await Page.GotoAsync("/ciclos/2027/NB");
        Assert.That(await Page.Locator("ol.linea-tiempo > li[data-hito='focalizacion-preliminar']").GetAttributeAsync("data-estado"), Is.EqualTo("cumplido"));
    }

    [Test]
    public async Task A_final_refused_for_a_missing_field_keeps_its_acta_for_the_corrected_submission_and_after_the_ajuste_the_next_version_starts_from_it()
    {
        const string form = "/ciclos/2027/BI/focalizacion/borrador?etapa=final";
        const string actas = "SELECT count(*) FROM documentos WHERE region = 'BI' AND tipo = 'acta-core'";
        using (var montos = await Api.PostAsync("/api/v1/ciclos/2027/BI/eventos", AdminApiService.Central,
            """{"evento": "montos-preliminares-registrados", "datos": {"montos": """ + FocalizacionSamples.Amounts + "}}"))
        {
            Assert.That(montos.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await montos.Content.ReadAsStringAsync());
        }
        await LogInAsync(AdminApiService.GoreBi, form);

        // Every field but line 1's description, with the acta's PDF: refused at that field, the acta kept.
        for (var i = 0; i < Instruments.All.Count; i++)
        {
            await FillLineAsync(i, $"{100 + (i * 10)}.000.000", "Concepción", whole: true);
        }
        await Page.Locator("#l0-C").FillAsync("");
        await Page.GetByLabel("Número del acta o acuerdo CORE").FillAsync("Acuerdo N° 12/2026");
        await Page.GetByLabel("Fecha de la sesión del CORE").FillAsync("2026-12-10");
        await Page.GetByLabel("Acta o acuerdo del Consejo Regional (PDF)").SetInputFilesAsync(new FilePayload { Name = "acta-core-bi.pdf", MimeType = "application/pdf", Buffer = FocalizacionSamples.Pdf });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("No se envió").And.Contain($"Línea 1 ({Instruments.All[0]})"));
        Assert.That(await Page.Locator("#l0-C").GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        Assert.That(await Page.Locator(".acta-adjunta").InnerTextAsync(), Does.StartWith("Acta adjunta: «acta-core-bi.pdf» (1 KB) — reemplazar"),
            "the acta is attached still, named with its size");
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI' AND etapa = 'final'"), Is.Zero, "nothing submitted");
        Assert.That(await Api.Database.ScalarAsync(actas), Is.EqualTo(1), "the acta is in the archive, an upload of the region and year");
        var kept = long.Parse(await Page.Locator($"input[name='acta-adjunta']").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await CheckPageAsync("focalizacion-formulario-acta-adjunta");

        // Another region's GORE may not reference it from its own form: refused at the field, nothing saved.
        await using (var nuble = await Browser.NewContextAsync(new() { BaseURL = Base }))
        {
            var page = await nuble.NewPageAsync();
            await LogInAsync(AdminApiService.GoreNb, "/ciclos/2027/NB/focalizacion/borrador?etapa=final", page);
            var token = await page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
            var forged = await page.APIRequest.PostAsync("/ciclos/2027/NB/focalizacion/borrador?etapa=final", new()
            {
                Form = page.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("lineas", "1").Append("l0-A", Instruments.All[0])
                    .Append("acta-adjunta", kept.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("accion", "guardar"),
            });
            Assert.That(forged.Status, Is.EqualTo(400));
            Assert.That(System.Net.WebUtility.HtmlDecode(await forged.TextAsync()), Does.Contain("El acta adjunta no está entre los documentos de la región"));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_borradores WHERE region = 'NB' AND etapa = 'final'"), Is.Zero, "Biobío's acta is not copied into Ñuble's draft");
        }

        // Corrected, it is submitted without choosing the file again: the version references the kept acta.
        await Page.Locator("#l0-C").FillAsync("Fortalecer los negocios de la región");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización final v1"));
        Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI' AND etapa = 'final' AND acta_id = {kept}"), Is.EqualTo(1));
        Assert.That(await Api.Database.ScalarAsync(actas), Is.EqualTo(1), "the kept acta is not stored twice");
        var (name, bytes) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Acta CORE de final v1" }));
        Assert.That((name, bytes), Is.EqualTo(("acta-core-bi.pdf", FocalizacionSamples.Pdf)));

        // Sercotec keeps the automatic «no conforme» (line 2 exceeds its montos): after the ajuste, the form starts from v1.
        using (var review = await Api.PostAsync("/api/v1/ciclos/2027/BI/eventos", AdminApiService.Central, """{"evento": "revision-final-registrada", "conforme": false}"""))
        {
            Assert.That(review.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await review.Content.ReadAsStringAsync());
        }
        await Page.GotoAsync(form);
        Assert.That(await Page.Locator(".borrador-origen").InnerTextAsync(), Does.Contain("parte de la focalización final v1"));
        Assert.That(await Page.Locator("fieldset.linea-borrador").CountAsync(), Is.EqualTo(Instruments.All.Count));
        Assert.That(await Page.Locator("#l0-B").InputValueAsync(), Is.EqualTo($"Acción de {Instruments.All[0]}"));
        Assert.That(await Page.Locator("#l0-C").InputValueAsync(), Is.EqualTo("Fortalecer los negocios de la región"));
        Assert.That(await Page.Locator("#l0-F option:checked").AllInnerTextsAsync(), Is.EqualTo(new[] { "Concepción" }), "the criteria as chosen");
        Assert.That(await Page.Locator("#l0-H").InputValueAsync(), Is.EqualTo("Mujeres"));
        Assert.That(await Page.Locator("#l1-K").InputValueAsync(), Is.EqualTo("110.000.000"));
        Assert.That(await Page.GetByLabel("Número del acta o acuerdo CORE").InputValueAsync(), Is.EqualTo("Acuerdo N° 12/2026"));
        Assert.That(await Page.GetByLabel("Fecha de la sesión del CORE").InputValueAsync(), Is.EqualTo("2026-12-10"));
        Assert.That(await Page.Locator(".acta-adjunta").InnerTextAsync(), Does.StartWith("Acta adjunta: «acta-core-bi.pdf» (1 KB)"), "v1's acta, not chosen again");
        await CheckPageAsync("focalizacion-formulario-nueva-version");

        // Only line 2's budget corrected: submitted as v2, with v1's acta.
        await Page.Locator("#l1-K").FillAsync("100.000.000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización final" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se recibió la focalización final v2"));
        Assert.That(await Api.Database.ScalarAsync(
            $"SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI' AND etapa = 'final' AND version = 2 AND acta_id = {kept} " +
            $"AND contenido -> 'lines' -> 0 ->> 'action' = 'Acción de {Instruments.All[0]}' AND (contenido -> 'lines' -> 1 ->> 'budget')::bigint = 100000000"), Is.EqualTo(1),
            "v2 holds v1's lines with the one correction, and v1's acta");
    }

    [Test]
    public async Task Another_region_s_GORE_does_not_find_the_form_and_Sercotec_may_not_use_it()
    {
        await LogInAsync(AdminApiService.GoreBi, "/ciclos/2027/BI/focalizacion/borrador?etapa=preliminar");
        await CheckPageAsync("focalizacion-formulario");
        Assert.That((await Page.GotoAsync(Form))!.Status, Is.EqualTo(404));
        Assert.That((await Page.GotoAsync("/ciclos/2027/BI/focalizacion/borrador?etapa=otra"))!.Status, Is.EqualTo(404));

        // A valid antiforgery token with Biobío's session: Ñuble's draft is not found, and nothing is saved.
        await Page.GotoAsync("/ciclos/2027/BI/focalizacion/borrador?etapa=preliminar");
        var token = await Page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_borradores");
        var forged = await Page.APIRequest.PostAsync(Form, new()
        {
            Form = Page.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("lineas", "1").Append("l0-A", "Crece").Append("accion", "guardar"),
        });
        Assert.That(forged.Status, Is.EqualTo(404));
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM focalizacion_borradores"), Is.EqualTo(before));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();

        // Sercotec sees the region's focalización but not the GORE's form: 403, whatever the region.
        await LogInAsync(AdminApiService.Central, "/ciclos/2027/NB/focalizacion");
        Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "formulario de la focalización preliminar" }).CountAsync(), Is.Zero);
        Assert.That((await Page.GotoAsync(Form))!.Status, Is.EqualTo(403));
        Assert.That((await Page.GotoAsync("/ciclos/2027/BI/focalizacion/borrador?etapa=preliminar"))!.Status, Is.EqualTo(403));
    }

    // A request over the page's bound is refused before it is read, with the Spanish message at the field; a file over the archive's bound inside it, as well.
    [TestCase(46, 413, "el envío supera los 45 MB en total; cada archivo puede pesar hasta 20 MB", TestName = "An upload over the request's bound gets a Spanish 413 at its field")]
    [TestCase(21, 400, "pesa 21 MB; el máximo es 20 MB", TestName = "A workbook over the archive's bound gets a Spanish 400 at its field")]
    public async Task An_over_limit_upload_is_refused_in_Spanish_and_stores_nothing(int megabytes, int status, string says)
    {
        const string page = "/ciclos/2027/BI/focalizacion";
        const string versions = "SELECT count(*) FROM focalizacion_versiones WHERE region = 'BI'";
        var before = await Api.Database.ScalarAsync(versions);
        await LogInAsync(AdminApiService.GoreBi, page);
        var file = Path.Combine(Path.GetTempPath(), $"focalizacion-{megabytes}mb-{Guid.NewGuid():N}.xlsx");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(megabytes * 1024L * 1024L);
        }
        try
        {
            await Page.GetByLabel("Planilla de la focalización preliminar (XLSX)").SetInputFilesAsync(file);
            var answer = await Page.RunAndWaitForResponseAsync(
                () => Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la focalización preliminar" }).ClickAsync(),
                r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == page);
            Assert.That(answer.Status, Is.EqualTo(status), await answer.TextAsync());
            Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("No se guardó nada").And.Contain(says));
            Assert.That(await Page.Locator("#preliminar-planilla-error").InnerTextAsync(), Does.Contain(says), "the message is at the workbook's field");
            Assert.That(await Api.Database.ScalarAsync(versions), Is.EqualTo(before), "nothing stored (Biobío's final may have been submitted by another test)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Fills in line <paramref name="i"/> completely, with <paramref name="budget"/> as typed (the first line's action and communes too when <paramref name="whole"/>).</summary>
    private async Task FillLineAsync(int i, string budget, string commune = "Chillán", bool whole = false)
    {
        ILocator Field(string column) => Page.Locator($"#l{i}-{column}");
        await Field("D").SelectOptionAsync("Sí");
        if (i > 0 || whole)
        {
            await Field("B").FillAsync($"Acción de {Instruments.All[i]}");
            await Field("F").SelectOptionAsync(commune);
        }
        await Field("C").FillAsync("Fortalecer los negocios de la región");
        await Field("G").SelectOptionAsync(Sectors.AllLabel);
        await Field("H").SelectOptionAsync("Mujeres");
        await Field("I").SelectOptionAsync("Mapuche");
        await Field("J").SelectOptionAsync("Jóvenes (18 a 29 años)");
        await Field("K").FillAsync(budget);
        await Field("L").FillAsync("40");
        await Field("M").SelectOptionAsync("No");
        await Field("O").FillAsync("Diversificar la matriz productiva");
        await Field("P").FillAsync("Baja asociatividad");
    }
}
