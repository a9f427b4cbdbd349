using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime;
using Focalizacion.Testing;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Handlers;

/// <summary>The fallback's oficio states which focalización applies and attaches it as it was archived.</summary>
public sealed class AppliedFocalizacionMailTests
{
    // Thursday 31 December 2026, 00:00 in Chillán: the final of budget year 2027 never came.
    private static readonly Instant AfterDeadline = Instant.FromUtc(2026, 12, 31, 3, 0);

    [Test]
    public async Task The_fallback_oficio_names_the_previous_final_s_version_and_attaches_its_archived_workbook()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, AfterDeadline);
        var workbook = "el libro que envió el GORE en 2025"u8.ToArray();
        var archived = await new DocumentArchive(fixture.Database.Store, fixture.Clock).StoreAsync(
            new NewDocument("NB", 2026, DocumentTypes.PlanillaFocalizacion, "focalizacion-final-NB-2026.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Actor.Cli("pruebas"), new MemoryStream(workbook));
        await fixture.Database.ExecuteAsync(
            "INSERT INTO focalizacion_versiones (region, anio_presupuestario, etapa, version, contenido, observaciones, planilla_id, enviada_por, enviada_at) " +
            $"VALUES ('NB', 2026, 'final', 1, '{{}}', '[]', NULL, 'gore', '2025-12-20T15:00:00Z'), ('NB', 2026, 'final', 2, '{{}}', '[]', {archived.Id}, 'gore', '2025-12-29T15:00:00Z')");
        var second = await fixture.Database.ScalarAsync("SELECT id FROM focalizacion_versiones WHERE version = 2");
        await fixture.Database.ExecuteAsync(
            $"INSERT INTO focalizaciones (region, anio_presupuestario, resultado, registrado_at, origen, version_id) VALUES ('NB', 2026, 'focalizacion-final', now(), 'flujo', {second})");
        var variables = new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 };

        await fixture.Handler("registrar-resultado").HandleAsync(CycleFixture.Request("r", new Dictionary<string, string> { ["resultado"] = "focalizacion-anterior" }, variables), CancellationToken.None);
        variables["resultado"] = "focalizacion-anterior";
        await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k", new Dictionary<string, string>
        {
            ["tipo"] = "oficio",
            ["hito"] = "focalizacion-final",
            ["plantilla"] = "focalizacion-anterior",
            ["destinatarios"] = "gore-gobernador",
            ["emisor"] = "gerencia-general",
        }, variables), CancellationToken.None);

        Assert.That(await fixture.Database.ScalarAsync("SELECT version_id FROM focalizaciones WHERE anio_presupuestario = 2027"), Is.EqualTo(second),
            "the fallback's outcome names the version that applied the year before");
        var message = sink.Messages().Single();
        Assert.That(message.TextBody, Does.Contain("focalización final versión 2 del año presupuestario 2026, enviada por el Gobierno Regional el lunes 29 de diciembre de 2025")
            .And.Contain($"«focalizacion-final-NB-2026.xlsx» (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(workbook))})"));
        var attached = message.Attachments.OfType<MimePart>().ToList();
        Assert.That(attached.Select(a => a.FileName), Is.EqualTo(new[] { "oficio-1-2026.pdf", "focalizacion-final-NB-2026.xlsx" }));
        using var bytes = new MemoryStream();
        attached[1].Content!.DecodeTo(bytes);
        Assert.That(bytes.ToArray(), Is.EqualTo(workbook), "attached as archived");
    }

    [Test]
    public async Task Another_oficio_attaches_only_its_pdf()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, AfterDeadline);

        await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k", CycleFixture.OficioInicio()), CancellationToken.None);

        Assert.That(sink.Messages().Single().Attachments.Count(), Is.EqualTo(1));
        Assert.That(sink.Messages().Single().TextBody, Does.Not.Contain("se aplica es"));
    }
}
