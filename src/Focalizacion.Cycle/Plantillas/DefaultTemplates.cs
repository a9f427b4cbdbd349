namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// The Spanish templates shipped in the assembly (<c>Plantillas/Predeterminadas</c>: one
/// <c>.asunto</c>, <c>.html</c> and <c>.txt</c> file per key). An admin's edit in the database wins.
/// </summary>
public static class DefaultTemplates
{
    /// <summary>The shipped template, or null when the key is not one of <see cref="TemplateKeys.All"/>.</summary>
    public static MailTemplate? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var subject = Read($"{key}.asunto.liquid");
        var html = Read($"{key}.html.liquid");
        var text = Read($"{key}.txt.liquid");
        return subject is null || html is null || text is null ? null : new MailTemplate(key, subject, html, text);
    }

    private static string? Read(string file)
    {
        using var stream = typeof(DefaultTemplates).Assembly.GetManifestResourceStream("Plantillas." + file);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
