using Focalizacion.Cycle.Plantillas;
using Focalizacion.Runtime;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Cycle.Tests.Plantillas;

public sealed class TemplateStoreTests
{
    [Test]
    public async Task Shipped_default_is_in_force_until_an_admin_saves_an_edit()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var store = new TemplateStore(database.Store, new FakeClock(Instant.FromUtc(2026, 3, 2, 12, 0)));

        Assert.That((await store.GetAsync(TemplateKeys.Ajuste)).Subject, Is.EqualTo(DefaultTemplates.Find(TemplateKeys.Ajuste)!.Subject));

        await store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, "Ajuste {{ region.nombre }}", "<p>Hola</p>", "Hola"), Actor.Cli("admin"));
        Assert.That((await store.GetAsync(TemplateKeys.Ajuste)).Subject, Is.EqualTo("Ajuste {{ region.nombre }}"));

        await store.RevertAsync(TemplateKeys.Ajuste);
        Assert.That((await store.GetAsync(TemplateKeys.Ajuste)).Subject, Is.EqualTo(DefaultTemplates.Find(TemplateKeys.Ajuste)!.Subject));
    }

    [TestCase("{% if x %}sin cerrar", "<p>ok</p>", "ok", "asunto")]                 // unclosed tag in the subject
    [TestCase("ok", "<p>{{ region.nombre </p>", "ok", "cuerpo HTML")]              // unclosed output in the HTML body
    [TestCase("ok", "<p>ok</p>", "Hola\n{% for d in %}", "cuerpo de texto")]        // bad for on line 2 of the text body
    public async Task A_template_that_does_not_parse_is_rejected_naming_part_and_position_and_nothing_changes(string subject, string html, string text, string part)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var store = new TemplateStore(database.Store, new FakeClock(Instant.FromUtc(2026, 3, 2, 12, 0)));
        await store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena"), Actor.Cli("admin"));

        var rejected = Assert.ThrowsAsync<CycleException>(() => store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, subject, html, text), Actor.Cli("admin")));

        Assert.That(rejected!.Message, Does.StartWith($"plantilla «ajuste», {part}: línea "));
        Assert.That(rejected.Message, Does.Match(@"línea \d+, columna \d+: \S"));
        var current = await store.GetAsync(TemplateKeys.Ajuste);
        Assert.That(current, Is.EqualTo(new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena")));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.EqualTo(1));
    }

    // Each row: the part past a bound and the start of the problem; the first two crashed the process when saved.
    [TestCase("asunto", "plantilla «ajuste», asunto: tiene 65.537 caracteres; el máximo es 65.536.")]                      // too long
    [TestCase("cuerpo HTML", "plantilla «ajuste», cuerpo HTML: línea 1: «{% if %}» abre el nivel 21 de bloques anidados")] // 3,000 nested ifs
    [TestCase("cuerpo de texto", "plantilla «ajuste», cuerpo de texto: línea 2: una expresión anida más de 20 paréntesis")] // a[a[…]] 1,000 deep
    public async Task A_template_past_the_size_or_nesting_bounds_is_rejected_naming_the_part_and_nothing_changes(string part, string problem)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var store = new TemplateStore(database.Store, new FakeClock(Instant.FromUtc(2026, 3, 2, 12, 0)));
        var good = new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena");
        await store.SaveAsync(good, Actor.Cli("admin"));
        var bad = part switch
        {
            "asunto" => good with { Subject = new string('a', TemplateLimits.MaxPartChars + 1) },
            "cuerpo HTML" => good with { Html = string.Concat(Enumerable.Repeat("{% if a %}", 3_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 3_000)) },
            _ => good with { Text = "Hola\n{{ " + string.Concat(Enumerable.Repeat("a[", 1_000)) + "0" + new string(']', 1_000) + " }}" },
        };

        var rejected = Assert.ThrowsAsync<CycleException>(() => store.SaveAsync(bad, Actor.Cli("admin")));

        Assert.That(rejected!.Message, Does.StartWith(problem));
        Assert.That(await store.GetAsync(TemplateKeys.Ajuste), Is.EqualTo(good));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.EqualTo(1));
    }

    // Each row: valid Liquid in one part that fails only when rendered, and the problem; before, it was saved.
    [TestCase("asunto", "{{ anio_presupuestario | divided_by: 0 }}",
        "plantilla «ajuste», asunto: divide por cero (filtros «divided_by» o «modulo»).")]                          // an arithmetic error
    [TestCase("cuerpo HTML", "{% for m in montos %}{% for i in (1..m.monto) %}.{% endfor %}{% endfor %}",
        "plantilla «ajuste», cuerpo HTML: el rango (1..150000000) tiene 150.000.000 elementos; el máximo es 1.000.")] // too big only with real amounts
    [TestCase("cuerpo de texto", "{% assign s = region.nombre %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s }}",
        "plantilla «ajuste», cuerpo de texto: el filtro «append» produce un texto de más de 200.000 caracteres, el máximo por texto.")] // 24 doublings
    public async Task A_template_that_fails_to_render_with_sample_data_is_rejected_naming_the_part_and_nothing_changes(string part, string source, string problem)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var store = new TemplateStore(database.Store, new FakeClock(Instant.FromUtc(2026, 3, 2, 12, 0)));
        var good = new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena");
        await store.SaveAsync(good, Actor.Cli("admin"));
        var bad = part switch
        {
            "asunto" => good with { Subject = source },
            "cuerpo HTML" => good with { Html = source },
            _ => good with { Text = source },
        };
        Assert.That(TemplateRenderer.Validate(bad), Is.Empty, "valid Liquid within the source bounds");

        var rejected = Assert.ThrowsAsync<CycleException>(() => store.SaveAsync(bad, Actor.Cli("admin")));

        Assert.That(rejected!.Message, Is.EqualTo(problem));
        Assert.That(await store.GetAsync(TemplateKeys.Ajuste), Is.EqualTo(good));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.EqualTo(1));
    }

    [Test]
    public void Unknown_template_key_is_a_spanish_error()
    {
        var error = Assert.ThrowsAsync<CycleException>(async () =>
        {
            await using var database = await TestDatabase.CreateCycleAsync();
            await new TemplateStore(database.Store, SystemClock.Instance).GetAsync("no-existe");
        });
        Assert.That(error!.Message, Does.StartWith("No existe la plantilla «no-existe»"));
    }
}
