using System.Text.Json;
using NodaTime;

namespace Focalizacion.Cli.Tests.Ciclo;

public class PlantillaVerbTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 15, 0);

    [Test]
    public async Task Importar_rejects_a_broken_template_naming_part_and_position_and_changes_nothing()
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        var exported = await cli.RunAsync("plantilla", "exportar", "recordatorio");
        Assert.That(exported.ExitCode, Is.Zero, exported.Error);
        var template = JsonSerializer.Deserialize<Dictionary<string, string>>(exported.Output)!;
        template["html"] = "<p>Estimado(a) {{ destinatario.nombre </p>";
        var path = Path.Combine(Path.GetTempPath(), $"plantilla-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(template));
        var run = await cli.RunAsync("plantilla", "importar", "recordatorio", path);
        var after = await cli.RunAsync("plantilla", "exportar", "recordatorio");
        File.Delete(path);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.StartWith("Error: plantilla «recordatorio», cuerpo HTML: línea 1, columna "));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.Zero);
            Assert.That(after.Output, Is.EqualTo(exported.Output));
        });
    }

    [Test]
    public async Task Importar_refuses_a_template_nested_too_deep_instead_of_crashing_and_changes_nothing()
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        // 3,000 nested ifs (63 K): Fluid's parser overflowed the stack and the process aborted.
        var html = string.Concat(Enumerable.Repeat("{% if a %}", 3_000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 3_000));
        var path = Path.Combine(Path.GetTempPath(), $"plantilla-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { asunto = "Recordatorio", html, texto = "Hola" }));
        var run = await cli.RunAsync("plantilla", "importar", "recordatorio", path);
        File.Delete(path);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Is.EqualTo(
                "Error: plantilla «recordatorio», cuerpo HTML: línea 1: «{% if %}» abre el nivel 21 de bloques anidados; el máximo es 20." + Environment.NewLine));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.Zero);
        });
    }

    [Test]
    public async Task Importar_refuses_a_template_that_fails_to_render_with_sample_data_one_line_per_part()
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        // Valid Liquid that used to be saved: a 20-million loop (1 GB at send time) and 24 doublings.
        var template = new
        {
            asunto = "Recordatorio",
            html = "<p>{% for i in (1..20000000) %}.{% endfor %}</p>",
            texto = "{% assign s = 'ab' %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s }}",
        };
        var path = Path.Combine(Path.GetTempPath(), $"plantilla-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(template));
        var run = await cli.RunAsync("plantilla", "importar", "recordatorio", path);
        File.Delete(path);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
            {
                "Error: plantilla «recordatorio», cuerpo HTML: el rango (1..20000000) tiene 20.000.000 elementos; el máximo es 1.000.",
                "Error: plantilla «recordatorio», cuerpo de texto: el filtro «append» produce un texto de más de 200.000 caracteres, el máximo por texto.",
            }));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.Zero);
        });
    }

    [Test]
    public async Task Importar_saves_a_valid_edit_that_listar_and_exportar_show()
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        var path = Path.Combine(Path.GetTempPath(), $"plantilla-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"asunto": "Recordatorio {{ region.nombre }}", "html": "<p>Hola</p>", "texto": "Hola"}""");
        var run = await cli.RunAsync("plantilla", "importar", "recordatorio", path);
        var wrongKey = await cli.RunAsync("plantilla", "importar", "no-existe", path);
        File.Delete(path);
        var listed = await cli.RunAsync("plantilla", "listar", "--json");
        var exported = await cli.RunAsync("plantilla", "exportar", "recordatorio");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(wrongKey.ExitCode, Is.EqualTo(2));
            Assert.That(wrongKey.Error, Does.StartWith("Error: clave: no existe la plantilla «no-existe»"));
            Assert.That(listed.Json().EnumerateArray().Single(t => t.GetProperty("clave").GetString() == "recordatorio").GetProperty("editada").GetBoolean(), Is.True);
            Assert.That(listed.Json().EnumerateArray().Count(t => t.GetProperty("editada").GetBoolean()), Is.EqualTo(1));
            Assert.That(exported.Json().GetProperty("asunto").GetString(), Is.EqualTo("Recordatorio {{ region.nombre }}"));
        });
    }
}
