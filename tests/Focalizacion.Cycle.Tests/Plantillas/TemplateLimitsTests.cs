using System.Text;
using Focalizacion.Cycle.Plantillas;

namespace Focalizacion.Cycle.Tests.Plantillas;

public sealed class TemplateLimitsTests
{
    // Each row: an opening tag, its closing tag, and filler put after every opening tag that must
    // neither count as a level nor close one. 20 levels pass; the 21st, on line 21, is refused.
    [TestCase("{% if a %}", "{% endif %}", "")]                                            // plain ifs
    [TestCase("{% for i in (1..2) %}", "{% endfor %}", "")]                                // loops
    [TestCase("{% case a %}{% when 1 %}", "{% endcase %}", "")]                             // case
    [TestCase("{% unless a %}", "{% endunless %}", "")]                                    // unless
    [TestCase("{% capture c %}", "{% endcapture %}", "")]                                  // capture is a block too
    [TestCase("{%-if a-%}", "{%-endif-%}", "")]                                            // trimming dashes, no spaces
    [TestCase("{% if a %}", "{% endif %}", "{{ \"{% endif %}\" }}")]                       // a closing tag inside a string closes nothing
    [TestCase("{% if a %}", "{% endif %}", "{% assign s = '{% endif %}' %}")]              // nor inside a tag's string
    [TestCase("{% if a %}", "{% endif %}", "{% assign s = \"\\\"%}{% endif %}\" %}")]      // nor after an escaped quote
    [TestCase("{% if a %}", "{% endif %}", "{% comment %}{% endif %}{% endcomment %}")]    // nor inside a comment
    [TestCase("{% if a %}", "{% endif %}", "{%- comment -%}{% endif %}{%-endcomment-%}")]  // nor inside a comment with dashes
    [TestCase("{% if a %}", "{% endif %}", "{% raw %}{% endif %}{% endraw %}")]            // nor inside raw
    [TestCase("{% if a %}", "{% endif %}", "{% # {% endif %}")]                             // nor inside an inline comment
    [TestCase("{% if a %}", "{% endif %}", "{{ \"{% if a %}\" }}")]                         // an opening tag inside a string opens nothing
    [TestCase("{% if a %}", "{% endif %}", "{% comment %}{% if a %}{% endcomment %}")]     // nor inside a comment
    public void Blocks_nest_at_most_twenty_deep_counting_only_real_tags(string opener, string closer, string filler)
    {
        var atBound = new MailTemplate("prueba", "ok", "ok", Nested(opener, closer, filler, TemplateLimits.MaxNesting));
        var pastBound = new MailTemplate("prueba", "ok", "ok", Nested(opener, closer, filler, TemplateLimits.MaxNesting + 1));

        Assert.That(TemplateRenderer.Validate(atBound), Is.Empty);
        var name = opener[2..].TrimStart('-', ' ').Split(' ', '-')[0];
        Assert.That(TemplateRenderer.Validate(pastBound), Is.EqualTo(new[]
        {
            $"plantilla «prueba», cuerpo de texto: línea 21: «{{% {name} %}}» abre el nivel 21 de bloques anidados; el máximo es 20.",
        }));
    }

    // Sources that crashed the process (stack overflow in Fluid's parser or evaluator), each under 64 K.
    [TestCase("if", "línea 1: «{% if %}» abre el nivel 21 de bloques anidados; el máximo es 20.")]  // 3,000 nested ifs: the parser
    [TestCase("index", "línea 1: una expresión anida más de 20 paréntesis o corchetes.")]           // a[a[a[…]]] 1,000 deep: the parser
    [TestCase("filters", "línea 1: una etiqueta encadena más de 50 filtros u operadores and/or.")]   // 5,000 filters: the evaluator
    [TestCase("or", "línea 1: una etiqueta encadena más de 50 filtros u operadores and/or.")]        // a or a or … 10,000 times: the evaluator
    public void Sources_that_overflow_fluids_stack_are_refused_before_parsing_when_validating_and_rendering(string shape, string problem)
    {
        var source = shape switch
        {
            "if" => Repeat("{% if a %}", 3_000) + "x" + Repeat("{% endif %}", 3_000),
            "index" => "{{ " + Repeat("a[", 1_000) + "0" + new string(']', 1_000) + " }}",
            "filters" => "{{ 'x'" + Repeat(" | upcase", 5_000) + " }}",
            _ => "{% if " + string.Join(" or ", Enumerable.Repeat("a", 10_000)) + " %}y{% endif %}",
        };
        Assert.That(source, Has.Length.LessThanOrEqualTo(TemplateLimits.MaxPartChars));
        var template = new MailTemplate("prueba", "ok", source, "ok");

        Assert.That(TemplateRenderer.Validate(template), Is.EqualTo(new[] { $"plantilla «prueba», cuerpo HTML: {problem}" }));
        var error = Assert.ThrowsAsync<CycleException>(() => TemplateRenderer.RenderAsync(template, FormatTests.Model()));
        Assert.That(error!.Message, Is.EqualTo($"plantilla «prueba», cuerpo HTML: {problem}"));
    }

    [Test]
    public void A_part_holds_at_most_64_k_characters()
    {
        var atBound = new MailTemplate("prueba", new string('a', TemplateLimits.MaxPartChars), "ok", "ok");
        var pastBound = new MailTemplate("prueba", new string('a', TemplateLimits.MaxPartChars + 1), "ok", "ok");

        Assert.That(TemplateRenderer.Validate(atBound), Is.Empty);
        Assert.That(TemplateRenderer.Validate(pastBound), Is.EqualTo(new[] { "plantilla «prueba», asunto: tiene 65.537 caracteres; el máximo es 65.536." }));
    }

    // Each row: one unit of a chain or of nesting within a tag, how it is put together, and the problem past the bound.
    [TestCase("filters", 50, "una etiqueta encadena más de 50 filtros u operadores and/or.")]   // | upcase, 50 then 51
    [TestCase("and-or", 50, "una etiqueta encadena más de 50 filtros u operadores and/or.")]    // a and b or c…, 50 then 51
    [TestCase("index", 20, "una expresión anida más de 20 paréntesis o corchetes.")]            // a[a[…0]], 20 then 21
    public void A_tag_chains_and_nests_within_bounds(string shape, int bound, string problem)
    {
        string Source(int n) => shape switch
        {
            "filters" => "{{ 'x'" + Repeat(" | upcase", n) + " }}",
            "and-or" => "{% if a" + string.Concat(Enumerable.Range(0, n).Select(i => i % 2 == 0 ? " and a" : " or a")) + " %}y{% endif %}",
            _ => "{{ " + Repeat("a[", n) + "0" + new string(']', n) + " }}",
        };

        Assert.That(TemplateRenderer.Validate(new MailTemplate("prueba", "ok", "ok", "Hola\n" + Source(bound))), Is.Empty);
        Assert.That(TemplateRenderer.Validate(new MailTemplate("prueba", "ok", "ok", "Hola\n" + Source(bound + 1))),
            Is.EqualTo(new[] { $"plantilla «prueba», cuerpo de texto: línea 2: {problem}" }));
    }

    [TestCase("{% liquid assign x = 1 %}", "liquid")]  // its lines are tags the scan does not read
    [TestCase("{% include 'pie' %}", "include")]       // there are no files to include
    [TestCase("{%- render 'pie' -%}", "render")]       // nor to render
    public void Tags_that_cannot_work_here_are_refused(string tag, string name)
    {
        var template = new MailTemplate("prueba", "ok", "<p>\n" + tag + "</p>", "ok");
        Assert.That(TemplateRenderer.Validate(template), Is.EqualTo(new[]
        {
            $"plantilla «prueba», cuerpo HTML: línea 2: la etiqueta «{name}» no se admite en las plantillas de correo.",
        }));
    }

    // Each row: a text body that goes past a rendering bound, and the problem. Before, each built
    // its text or list in full (up to gigabytes), or failed with an English exception.
    [TestCase("{% for i in (1..20000000) %}{% endfor %}",
        "el rango (1..20000000) tiene 20.000.000 elementos; el máximo es 1.000.")]                      // built 1 GB before the step limit
    [TestCase("{{ destinatarios[(1..20000000)] }}",
        "el rango (1..20000000) tiene 20.000.000 elementos; el máximo es 1.000.")]                      // inside an index, where Fluid's rewriter does not look
    [TestCase("{% assign s = 'ab' %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
        "el filtro «append» produce un texto de más de 200.000 caracteres, el máximo por texto.")]       // 24 doublings
    [TestCase("{% assign s = 'ab' %}{% for i in (1..24) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}",
        "«{% capture s %}» junta más de 200.000 caracteres, el máximo por texto.")]                     // doubling by capture
    [TestCase("{% assign l = 'a' | split: ',' %}{% for i in (1..24) %}{% assign l = l | concat: l %}{% endfor %}",
        "el filtro «concat» produce una lista de 1.024 elementos; el máximo es 1.000.")]                 // doubling a list
    [TestCase("{{ A1000 | replace: 'a', B1000 }}",
        "el filtro «replace» produce un texto de más de 200.000 caracteres, el máximo por texto.")]      // 1,000 × 1,000: refused before it is built
    [TestCase("{{ (1..1000) | join: B1000 }}",
        "el filtro «join» produce un texto de más de 200.000 caracteres, el máximo por texto.")]         // a long separator, refused before it is built
    [TestCase("{{ '2026-03-02' | date: '%100000000Y' }}",
        "el filtro «date» pide un ancho o una precisión de 100000000; el máximo es 100.")]             // a padded year of 100 million characters
    [TestCase("{{ 1 | format_number: 'N999999999' }}",
        "el filtro «format_number» pide un ancho o una precisión de 999999999; el máximo es 100.")]    // a billion decimals
    [TestCase("{% for i in (1..1000) %}{{ B1000 }}{% endfor %}",
        "el texto generado supera los 200.000 caracteres, el máximo por parte.")]                       // a million characters of output
    [TestCase("{% for i in (1..1000) %}{% assign t = A1000 | append: A1000 | upcase %}{% endfor %}",
        "la plantilla procesa más de 2.000.000 de caracteres entre filtros y capture, el máximo por parte.")] // cheap filters repeated over a long text
    [TestCase("{% for i in (1..1000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}",
        "la plantilla da más de 100.000 pasos (vueltas de {% for %} y salidas {{ … }}), el máximo por parte.")] // Fluid's step limit, in Spanish
    [TestCase("{{ 1 | divided_by: 0 }}",
        "divide por cero (filtros «divided_by» o «modulo»).")]                                         // an English DivideByZeroException before
    public void Rendering_past_a_bound_fails_in_spanish_naming_template_and_part_without_building_the_text(string text, string problem)
    {
        var source = text.Replace("A1000", $"'{new string('a', 1_000)}'", StringComparison.Ordinal)
            .Replace("B1000", $"'{new string('b', 1_000)}'", StringComparison.Ordinal);
        var template = new MailTemplate("prueba", "Asunto", "<p>ok</p>", source);
        Assert.That(TemplateRenderer.Validate(template), Is.Empty, "valid Liquid, within the source bounds");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.ThrowsAsync<CycleException>(() => TemplateRenderer.RenderAsync(template, FormatTests.Model()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(error!.Message, Is.EqualTo($"plantilla «prueba», cuerpo de texto: {problem}"));
        Assert.That(allocated, Is.LessThan(64_000_000), "the bound stops the text before it is built");
    }

    [Test]
    public async Task A_range_holds_at_most_1000_items()
    {
        var atBound = await TemplateRenderer.RenderAsync(new MailTemplate("prueba", "{{ (1..1000) | size }}:{{ (5..1) | size }}:{% assign x = 2.5 %}{{ (x..4) | join: ',' }}", "", ""), FormatTests.Model());
        var pastBound = new MailTemplate("prueba", "{% for i in (0..n) %}{{ i }}{% endfor %}", "", "");

        // The bounded range keeps Fluid's reading: an empty list when it runs backwards, ends rounded to even.
        Assert.That(atBound.Subject, Is.EqualTo("1000:0:2,3,4"));
        var error = Assert.ThrowsAsync<CycleException>(() => TemplateRenderer.RenderAsync(pastBound, FormatTests.Model(), new Dictionary<string, object?> { ["n"] = 1_000 }));
        Assert.That(error!.Message, Is.EqualTo("plantilla «prueba», asunto: el rango (0..1000) tiene 1.001 elementos; el máximo es 1.000."));
    }

    [Test]
    public async Task A_capture_keeps_fluids_meaning_and_holds_at_most_200_000_characters()
    {
        // Encoded once, as it was written; a break inside it still leaves the loop around it.
        var html = "{% capture c %}<b>{{ destinatarios[0].nombre }}</b>{% endcapture %}{{ c }}|" +
            "{% for i in (1..3) %}{% capture d %}{{ i }}{% break %}{% endcapture %}{% endfor %}{{ d }}|" +
            "{% capture e %}{% for i in (1..200) %}{{ B }}{% endfor %}{% endcapture %}{{ e | size }}";
        var model = FormatTests.Model() with { Recipients = [new Focalizacion.Cycle.Directorio.Recipient("r", "Peña & Cía", "c", "a@x.invalid")] };
        var extra = new Dictionary<string, object?> { ["B"] = new string('b', 1_000) };

        var atBound = await TemplateRenderer.RenderAsync(new MailTemplate("prueba", "", html, ""), model, extra);
        var pastBound = Assert.ThrowsAsync<CycleException>(() => TemplateRenderer.RenderAsync(
            new MailTemplate("prueba", "", "{% capture e %}{% for i in (1..200) %}{{ B }}{% endfor %}.{% endcapture %}", ""), model, extra));

        Assert.That(atBound.Html, Is.EqualTo("<b>Peña &amp; Cía</b>|1|200000"));
        Assert.That(pastBound!.Message, Is.EqualTo("plantilla «prueba», cuerpo HTML: «{% capture e %}» junta más de 200.000 caracteres, el máximo por texto."));
    }

    [Test]
    public async Task A_part_renders_to_at_most_200_000_characters()
    {
        var extra = new Dictionary<string, object?> { ["B"] = new string('b', 1_000) };

        var atBound = await TemplateRenderer.RenderAsync(new MailTemplate("prueba", "", "", "{% for i in (1..200) %}{{ B }}{% endfor %}"), FormatTests.Model(), extra);
        var pastBound = Assert.ThrowsAsync<CycleException>(() => TemplateRenderer.RenderAsync(
            new MailTemplate("prueba", "", "", "{% for i in (1..200) %}{{ B }}{% endfor %}."), FormatTests.Model(), extra));

        Assert.That(atBound.Text, Has.Length.EqualTo(200_000));
        Assert.That(pastBound!.Message, Is.EqualTo("plantilla «prueba», cuerpo de texto: el texto generado supera los 200.000 caracteres, el máximo por parte."));
    }

    // Each row: a filter a template may not use, and the problem when saving it.
    [TestCase("{{ '{0,1000000000}' | format_string: 'a' }}", "no existe el filtro «format_string».")] // pads to any width: removed
    [TestCase("{{ fecha | fecha_largo }}", "no existe el filtro «fecha_largo».")]                    // a typo that Fluid silently skipped
    [TestCase("{{ fecha | nada | otra }}", "no existen los filtros «nada», «otra».")]               // all of them, in order
    public void A_filter_that_does_not_exist_is_refused_when_validating(string html, string problem)
    {
        var template = new MailTemplate("prueba", "ok", html, "ok");
        Assert.That(TemplateRenderer.Validate(template), Is.EqualTo(new[] { $"plantilla «prueba», cuerpo HTML: {problem}" }));
    }

    private static string Nested(string opener, string closer, string filler, int levels)
    {
        var source = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            source.Append(opener).Append(filler).Append('\n');
        }
        source.Append('x');
        for (var i = 0; i < levels; i++)
        {
            source.Append(closer);
        }
        return source.ToString();
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
