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
