using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Focalizacion.Calendar;
using NodaTime.Text;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Parses and renders email templates with Fluid (Liquid): sandboxed, so an admin-edited template
/// can read the model but never call into code, and bounded (<see cref="TemplateLimits"/>) so that
/// no template can crash, hang or exhaust the service; past a bound, a Spanish
/// <see cref="CycleException"/> names the template and the part.
/// </summary>
/// <remarks>
/// Filters: Liquid's standard ones (but <c>format_string</c>), each bounded by
/// <see cref="BoundedFilters"/>, plus <c>fecha_larga</c> ("2025-12-01" → "lunes 1 de diciembre de
/// 2025") and <c>monto</c> (1000000 → "$ 1.000.000"). The HTML body is rendered with an HTML
/// encoder that escapes markup characters but leaves accents and ñ as they are, so the source
/// stays readable.
/// </remarks>
public static partial class TemplateRenderer
{
    private const string HtmlPart = "cuerpo HTML";

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Parts already parsed for sending, by their exact source: every oficio and reminder of a year
    /// used to parse its template's three parts again (a simulated year, hundreds of times). Keyed by
    /// the text, so an edited template is a new entry; bounded, emptied when full.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> SendParsed = new(StringComparer.Ordinal);

    private const int MaxSendParsed = 128;

    /// <summary>
    /// The Spanish problems of a template, one per part that is too long, nests too deep (see
    /// <see cref="TemplateLimits"/>), does not parse or uses a filter that does not exist (empty
    /// when it is valid).
    /// </summary>
    public static IReadOnlyList<string> Validate(MailTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<string>();
        foreach (var (_, part, source) in Parts(template))
        {
            if (!TryParse(source, refuseUnknownFilters: true, out _, out var problem))
            {
                problems.Add($"plantilla «{template.Key}», {part}: {problem}");
            }
        }
        return problems;
    }

    /// <summary>
    /// <see cref="Validate"/>, then a trial render of each part that passed it against
    /// <see cref="TemplateModel.Sample"/>: also the problems of a template that is valid Liquid but
    /// fails to render or goes past a bound of <see cref="TemplateLimits"/> with realistic data
    /// (empty when it can be saved).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(MailTemplate template) =>
        [.. (await ProblemsAsync(template)).Select(p => p.Message)];

    /// <summary><see cref="ValidateAsync"/>, each problem with the part it is in (<c>asunto</c>, <c>html</c>, <c>texto</c>).</summary>
    public static async Task<IReadOnlyList<TemplateProblem>> ProblemsAsync(MailTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<TemplateProblem>();
        var values = TemplateModel.Sample.ToValues();
        foreach (var (field, part, source) in Parts(template))
        {
            if (!TryParse(source, refuseUnknownFilters: true, out _, out var problem))
            {
                problems.Add(new TemplateProblem(field, $"plantilla «{template.Key}», {part}: {problem}"));
                continue;
            }
            try
            {
                await RenderPartAsync(template, part, source, values, part == HtmlPart ? Html : NullEncoder.Default);
            }
            catch (CycleException failed)
            {
                problems.Add(new TemplateProblem(field, failed.Message));
            }
        }
        return problems;
    }

    /// <summary>Renders the three parts; a template that does not parse is a <see cref="CycleException"/>.</summary>
    public static Task<RenderedMail> RenderAsync(MailTemplate template, TemplateModel model) =>
        RenderAsync(template, model, new Dictionary<string, object?>());

    /// <summary>As above with extra top-level values (tests, previews).</summary>
    internal static async Task<RenderedMail> RenderAsync(MailTemplate template, TemplateModel model, IReadOnlyDictionary<string, object?> extra)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        var values = model.ToValues();
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }
        var subject = await RenderPartAsync(template, "asunto", template.Subject, values, NullEncoder.Default);
        var html = await RenderPartAsync(template, HtmlPart, template.Html, values, Html);
        var text = await RenderPartAsync(template, "cuerpo de texto", template.Text, values, NullEncoder.Default);
        // A subject is one line: a template's trailing newline or indentation must not reach the header.
        return new RenderedMail(WhitespaceRun().Replace(subject, " ").Trim(), html, text);
    }

    private static async Task<string> RenderPartAsync(MailTemplate template, string part, string source, Dictionary<string, object?> values, TextEncoder encoder)
    {
        // A stored template may predate a bound, or bypass validation: every send checks again,
        // unless this very source passed the same check before (a parsed template is immutable).
        if (!SendParsed.TryGetValue(source, out var parsed))
        {
            if (!TryParse(source, refuseUnknownFilters: false, out parsed, out var problem))
            {
                throw new CycleException($"plantilla «{template.Key}», {part}: {problem}");
            }
            if (SendParsed.Count >= MaxSendParsed)
            {
                SendParsed.Clear();
            }
            SendParsed[source] = parsed;
        }
        var context = new BoundedTemplateContext(Options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value is null ? NilValue.Instance : FluidValue.Create(value, Options));
        }
        using var output = new BoundedWriter(TemplateLimits.MaxOutputChars,
            $"el texto generado supera los {AmountFormat.Grouped(TemplateLimits.MaxOutputChars)} caracteres, el máximo por parte.");
        try
        {
            await parsed.RenderAsync(output, encoder, context);
        }
        catch (Exception exception)
        {
            throw new CycleException($"plantilla «{template.Key}», {part}: {Explain(exception)}", exception);
        }
        return output.ToString();
    }

    /// <summary>A render failure as admins read it; Fluid's own messages are English and may quote whole values.</summary>
    private static string Explain(Exception exception) => exception switch
    {
        TemplateLimitException limit => limit.Message,
        // Fluid reports its step limit through its recursion helper; includes, the only recursion, are refused.
        InvalidOperationException when exception.TargetSite?.DeclaringType?.Name == "ExceptionHelper" =>
            $"la plantilla da más de {AmountFormat.Grouped(TemplateLimits.MaxSteps)} pasos (vueltas de {{% for %}} y salidas {{{{ … }}}}), el máximo por parte.",
        DivideByZeroException => "divide por cero (filtros «divided_by» o «modulo»).",
        OverflowException => "un número es demasiado grande para calcularlo.",
        _ => $"no se pudo generar el texto ({exception.GetType().Name}).",
    };

    /// <summary>
    /// Parses one part, or says in Spanish why not, and makes it bounded (<see cref="BoundingRewriter"/>).
    /// Size and nesting are checked first: on a source nested a few hundred levels deep, Fluid's
    /// recursive parser overflows the stack and the process dies, so such a source must never reach it.
    /// </summary>
    /// <param name="source">The part's Liquid source.</param>
    /// <param name="refuseUnknownFilters">
    /// Whether a filter that does not exist is a problem: when saving, yes; when sending, Fluid's
    /// rule applies (the filter passes its input on), so a template stored earlier still sends.
    /// </param>
    /// <param name="parsed">The bounded template.</param>
    /// <param name="problem">Why not, in Spanish.</param>
    private static bool TryParse(string source, bool refuseUnknownFilters, [NotNullWhen(true)] out IFluidTemplate? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        if (source.Length > TemplateLimits.MaxPartChars)
        {
            problem = $"tiene {AmountFormat.Grouped(source.Length)} caracteres; el máximo es {AmountFormat.Grouped(TemplateLimits.MaxPartChars)}.";
            return false;
        }
        problem = TemplateSourceScan.FirstProblem(source);
        if (problem is not null)
        {
            return false;
        }
        if (!Parser.TryParse(source, out var fluid, out var error))
        {
            problem = Describe(error);
            return false;
        }
        var bounding = new BoundingRewriter(Options.Filters);
        parsed = bounding.VisitTemplate(fluid);
        if (refuseUnknownFilters && bounding.UnknownFilters.Count > 0)
        {
            problem = bounding.UnknownFilters.Count == 1
                ? $"no existe el filtro «{bounding.UnknownFilters.Min}»."
                : $"no existen los filtros {string.Join(", ", bounding.UnknownFilters.Select(f => $"«{f}»"))}.";
            parsed = null;
            return false;
        }
        return true;
    }

    /// <summary>Each part: its field in the template's JSON (<c>plantilla exportar</c>), its Spanish name in messages, its source.</summary>
    internal static IEnumerable<(string Field, string Part, string Source)> Parts(MailTemplate template) =>
        [("asunto", "asunto", template.Subject), ("html", HtmlPart, template.Html), ("texto", "cuerpo de texto", template.Text)];

    /// <summary>Fluid says "… at (line:column)"; admins read "línea L, columna C: …".</summary>
    private static string Describe(string error)
    {
        var match = Position().Match(error);
        return match.Success
            ? $"línea {match.Groups["line"].Value}, columna {match.Groups["column"].Value}: {error[..match.Index].TrimEnd()}"
            : error;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = TemplateLimits.MaxSteps, MaxRecursion = 20 };
        options.Filters.AddFilter("fecha_larga", static (input, _, _) =>
        {
            var text = input.ToStringValue();
            var parsed = LocalDatePattern.Iso.Parse(text);
            return new ValueTask<FluidValue>(new StringValue(parsed.Success ? Spanish.LongDate(parsed.Value) : text));
        });
        options.Filters.AddFilter("monto", static (input, _, _) =>
            new ValueTask<FluidValue>(new StringValue(AmountFormat.Pesos(input.ToNumberValue()))));
        BoundedFilters.Configure(options);
        return options;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();
}
