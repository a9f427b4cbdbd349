using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plantillas;

namespace Focalizacion.Cycle.Tests.Plantillas;

public sealed class TemplateRendererTests
{
    [Test]
    public async Task Html_escapes_values_but_keeps_accents_and_ñ_while_text_keeps_them_raw()
    {
        var template = new MailTemplate("prueba", "{{ destinatarios[0].nombre }}", "<p>{{ destinatarios[0].nombre }} · {{ region.nombre }}</p>", "{{ destinatarios[0].nombre }}");
        var model = FormatTests.Model() with { Recipients = [new Recipient("gore-gobernador", "Ñuñez & <b>Peña</b> \"O'Higgins\"", "Gobernadora", "g@x.invalid")] };

        var rendered = await TemplateRenderer.RenderAsync(template, model);

        Assert.That(rendered.Html, Does.StartWith("<p>Ñuñez &amp; &lt;b&gt;Peña&lt;/b&gt; &quot;O&#x27;Higgins&quot; · Ñuble</p>"));
        Assert.That(rendered.Text, Is.EqualTo("Ñuñez & <b>Peña</b> \"O'Higgins\""));
        Assert.That(rendered.Subject, Is.EqualTo("Ñuñez & <b>Peña</b> \"O'Higgins\""));
    }

    [Test]
    public async Task Subject_is_one_line_even_when_the_template_spans_several()
    {
        var template = new MailTemplate("prueba", "Focalización\n  {{ region.nombre }}\n", "", "");
        var rendered = await TemplateRenderer.RenderAsync(template, FormatTests.Model());
        Assert.That(rendered.Subject, Is.EqualTo("Focalización Ñuble"));
    }

    [Test]
    public async Task Templates_cannot_reach_into_dotnet_objects()
    {
        // Sandbox: only the model's names exist; anything else renders as nothing, never as code.
        var template = new MailTemplate("prueba", "[{{ region.GetType }}][{{ fecha.Length }}][{{ System.Environment.MachineName }}]", "", "");
        var rendered = await TemplateRenderer.RenderAsync(template, FormatTests.Model());
        Assert.That(rendered.Subject, Is.EqualTo("[][][]"));
    }

    [TestCaseSource(typeof(TemplateKeys), nameof(TemplateKeys.All))]
    public async Task Every_shipped_template_parses_and_renders_in_spanish(string key)
    {
        var template = DefaultTemplates.Find(key);
        Assert.That(template, Is.Not.Null, key);
        Assert.That(TemplateRenderer.Validate(template!), Is.Empty);
        Assert.That(await TemplateRenderer.ValidateAsync(template!), Is.Empty, "within the bounds with the sample data too");
        var model = FormatTests.Model() with
        {
            Oficio = (7, 2026, "Gerencia General de Sercotec"),
            Deadline = new NodaTime.LocalDate(2026, 3, 15),
            MilestoneKey = key,
            MilestoneDescription = "Oficio de inicio",
            MilestoneOwner = "Sercotec",
            Amounts = [("Crece", 150_000_000m)],
        };

        var rendered = await TemplateRenderer.RenderAsync(template!, model);

        Assert.That(rendered.Subject, Does.Contain("Ñuble"));
        Assert.That(rendered.Text, Does.Contain("Gobernadora Ñuñez").And.Contain("lunes 2 de marzo de 2026"));
        Assert.That(rendered.Html, Does.Contain("<html lang=\"es-CL\">").And.Contain("Gobernadora Ñuñez"));
        Assert.That(rendered.Text, Does.Not.Contain("{{").And.Not.Contain("{%"));
    }

    // Each row: a text body that fails only when a field of the model is set; the sample sets every
    // field, so the trial render when saving catches each (before, nothing was rendered).
    [TestCase("{% if oficio.numero > 0 %}{{ 1 | divided_by: 0 }}{% endif %}")]          // the oficio number
    [TestCase("{% if plazo.dias_restantes > 0 %}{{ 1 | divided_by: 0 }}{% endif %}")]   // the deadline
    [TestCase("{% for d in destinatarios %}{{ 1 | divided_by: 0 }}{% endfor %}")]       // the recipients
    [TestCase("{% for m in montos %}{{ 1 | divided_by: 0 }}{% endfor %}")]              // the amounts
    [TestCase("{% if hito.responsable != '' %}{{ 1 | divided_by: 0 }}{% endif %}")]     // the milestone
    [TestCase("{% if region.nombre_oficial contains \"'\" %}{{ 1 | divided_by: 0 }}{% endif %}")] // a region name with an apostrophe
    public async Task The_trial_render_fills_every_field_of_the_model(string text)
    {
        var template = new MailTemplate("prueba", "ok", "ok", text);
        Assert.That(TemplateRenderer.Validate(template), Is.Empty);
        Assert.That(await TemplateRenderer.ValidateAsync(template), Is.EqualTo(new[]
        {
            "plantilla «prueba», cuerpo de texto: divide por cero (filtros «divided_by» o «modulo»).",
        }));
    }

    [Test]
    public async Task Oficio_templates_carry_number_and_amounts()
    {
        var model = FormatTests.Model() with
        {
            Oficio = (12, 2026, "Dirección Regional de Sercotec Ñuble"),
            Amounts = [("Crece", 150_000_000m), ("Juntos", 42_500_000m)],
        };
        var rendered = await TemplateRenderer.RenderAsync(DefaultTemplates.Find(TemplateKeys.MontosPreliminares)!, model);

        Assert.That(rendered.Subject, Does.StartWith("Oficio N° 12/2026: montos preliminares 2027 — Ñuble"));
        Assert.That(rendered.Text, Does.Contain("- Crece: $ 150.000.000\n- Juntos: $ 42.500.000"));
        Assert.That(rendered.Html, Does.Contain("<td style=\"text-align: right;\">$ 150.000.000</td>"));
    }

    [TestCase(5, "quedan 5 días")] // the usual reminder
    [TestCase(1, "queda 1 día")]   // singular
    [TestCase(0, "vence hoy")]     // deadline today
    public async Task Reminder_says_who_owes_the_step_and_the_days_left(int daysLeft, string expected)
    {
        var model = FormatTests.Model() with
        {
            Deadline = FormatTests.Model().Today.PlusDays(daysLeft),
            MilestoneDescription = "Focalización preliminar",
            MilestoneOwner = "GORE",
        };
        var rendered = await TemplateRenderer.RenderAsync(DefaultTemplates.Find(TemplateKeys.Recordatorio)!, model);
        Assert.That(rendered.Text, Does.Contain("Esta etapa corresponde al Gobierno Regional de Ñuble."));
        Assert.That(rendered.Text, Does.Contain($"({expected})"));
    }
}
