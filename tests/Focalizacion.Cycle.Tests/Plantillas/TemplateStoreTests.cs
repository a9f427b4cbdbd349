using Focalizacion.Cycle.Plantillas;
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

        await store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, "Ajuste {{ region.nombre }}", "<p>Hola</p>", "Hola"), "admin");
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
        await store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena"), "admin");

        var rejected = Assert.ThrowsAsync<CycleException>(() => store.SaveAsync(new MailTemplate(TemplateKeys.Ajuste, subject, html, text), "admin"));

        Assert.That(rejected!.Message, Does.StartWith($"plantilla «ajuste», {part}: línea "));
        Assert.That(rejected.Message, Does.Match(@"línea \d+, columna \d+: \S"));
        var current = await store.GetAsync(TemplateKeys.Ajuste);
        Assert.That(current, Is.EqualTo(new MailTemplate(TemplateKeys.Ajuste, "Versión buena", "<p>buena</p>", "buena")));
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
