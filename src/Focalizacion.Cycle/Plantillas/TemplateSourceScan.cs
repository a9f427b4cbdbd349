using System.Collections.Frozen;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// One linear pass over a template part's source, before Fluid parses it, for what would make
/// Fluid's recursive parser or evaluator overflow the stack (which no handler can catch: the
/// process dies): blocks nested too deep, brackets nested too deep, or too long a chain of filters
/// and and/or in one tag. Also refuses the tags that cannot work here.
/// </summary>
/// <remarks>
/// It reads tags as Fluid does: text up to <c>{{</c> or <c>{%</c>; inside a tag, quoted strings
/// (backslash escapes) up to <c>}}</c> or <c>%}</c>; <c>{% comment %}</c> and <c>{% raw %}</c> bodies up
/// to the first <c>{% endcomment %}</c> or <c>{% endraw %}</c> (spaces and <c>-</c> allowed);
/// <c>{% # … %}</c> up to the first <c>%}</c>. So neither a string nor a comment can hide an opening
/// tag from the scan or fake a closing one. Where the source does not parse, the scan may stop
/// early; Fluid then refuses the source at that same point.
/// </remarks>
internal static class TemplateSourceScan
{
    private static readonly FrozenSet<string> Blocks =
        new[] { "if", "unless", "case", "for", "tablerow", "capture", "ifchanged" }.ToFrozenSet(StringComparer.Ordinal);

    // liquid: its lines are tags without delimiters, which this scan does not read (and Fluid's
    // support for it is partial); include and render: there are no files to include.
    private static readonly FrozenSet<string> Refused =
        new[] { "liquid", "include", "render" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The first problem as Spanish text ("línea 3: …"), or null when the source is within bounds.</summary>
    public static string? FirstProblem(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var open = new Stack<string>();
        var at = 0;
        for (var start = NextTag(source, at); start >= 0; start = NextTag(source, at))
        {
            if (source[start + 1] == '{')
            {
                var output = ScanMarkup(source, start + 2, '}');
                if (output.Problem is not null)
                {
                    return At(source, start, output.Problem);
                }
                if (output.End < 0)
                {
                    return null;
                }
                at = output.End;
                continue;
            }

            var nameStart = start + 2;
            if (nameStart < source.Length && source[nameStart] == '-')
            {
                nameStart++;
            }
            while (nameStart < source.Length && char.IsWhiteSpace(source[nameStart]))
            {
                nameStart++;
            }
            if (nameStart < source.Length && source[nameStart] == '#')
            {
                var close = source.IndexOf("%}", nameStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    return null;
                }
                at = close + 2;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < source.Length && IsNameChar(source[nameEnd]))
            {
                nameEnd++;
            }
            var name = source[nameStart..nameEnd];
            // "{% endif-%}": Fluid reads "endif" and then the trimming "-%}".
            if (name.EndsWith('-') && source.AsSpan(nameEnd).StartsWith("%}", StringComparison.Ordinal))
            {
                name = name[..^1];
            }
            if (Refused.Contains(name))
            {
                return At(source, start, $"la etiqueta «{name}» no se admite en las plantillas de correo.");
            }
            var tag = ScanMarkup(source, nameEnd, '%');
            if (tag.Problem is not null)
            {
                return At(source, start, tag.Problem);
            }
            if (tag.End < 0)
            {
                return null;
            }
            at = tag.End;

            if (name is "comment" or "raw")
            {
                at = EndOfBody(source, at, "end" + name);
                if (at < 0)
                {
                    return null;
                }
            }
            else if (Blocks.Contains(name))
            {
                open.Push(name);
                if (open.Count > TemplateLimits.MaxNesting)
                {
                    return At(source, start,
                        $"«{{% {name} %}}» abre el nivel {open.Count} de bloques anidados; el máximo es {TemplateLimits.MaxNesting}.");
                }
            }
            else if (open.Count > 0 && name == "end" + open.Peek())
            {
                open.Pop();
            }
        }
        return null;
    }

    /// <summary>The next <c>{{</c> or <c>{%</c> at or after <paramref name="from"/>, or −1.</summary>
    private static int NextTag(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
        {
            if (source[i + 1] is '{' or '%')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Reads a tag's inside from <paramref name="from"/> to its close (<c>}}</c> when
    /// <paramref name="closer"/> is '}', <c>%}</c> when it is '%'): End is the index after the close,
    /// or −1 when there is none; Problem is set when the tag goes past a bound.
    /// </summary>
    private static (int End, string? Problem) ScanMarkup(string source, int from, char closer)
    {
        var depth = 0;
        var chain = 0;
        for (var i = from; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '\'' or '"')
            {
                i = EndOfString(source, i);
                if (i < 0)
                {
                    return (-1, null);
                }
            }
            else if (c is '(' or '[')
            {
                if (++depth > TemplateLimits.MaxExpressionDepth)
                {
                    return (-1, $"una expresión anida más de {TemplateLimits.MaxExpressionDepth} paréntesis o corchetes.");
                }
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == closer && i + 1 < source.Length && source[i + 1] == '}')
            {
                return (i + 2, null);
            }
            else if (c == '|' || IsNameChar(c))
            {
                var end = i + 1;
                while (c != '|' && end < source.Length && IsNameChar(source[end]))
                {
                    end++;
                }
                var word = source.AsSpan(i, end - i);
                if ((c == '|' || word is "and" or "or") && ++chain > TemplateLimits.MaxChainPerTag)
                {
                    return (-1, $"una etiqueta encadena más de {TemplateLimits.MaxChainPerTag} filtros u operadores and/or.");
                }
                i = end - 1;
            }
        }
        return (-1, null);
    }

    /// <summary>The index of the quote closing the string that opens at <paramref name="open"/>, or −1.</summary>
    private static int EndOfString(string source, int open)
    {
        var quote = source[open];
        for (var i = open + 1; i < source.Length; i++)
        {
            if (source[i] == '\\')
            {
                i++;
            }
            else if (source[i] == quote)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The index after the first <c>{% endName %}</c> (with Fluid's optional spaces and trimming dashes), or −1.</summary>
    private static int EndOfBody(string source, int from, string endName)
    {
        for (var i = source.IndexOf("{%", from, StringComparison.Ordinal); i >= 0; i = source.IndexOf("{%", i + 1, StringComparison.Ordinal))
        {
            var p = i + 2;
            if (p < source.Length && source[p] == '-')
            {
                p++;
            }
            while (p < source.Length && char.IsWhiteSpace(source[p]))
            {
                p++;
            }
            if (!source.AsSpan(p).StartsWith(endName, StringComparison.Ordinal))
            {
                continue;
            }
            p += endName.Length;
            while (p < source.Length && char.IsWhiteSpace(source[p]))
            {
                p++;
            }
            if (p < source.Length && source[p] == '-')
            {
                p++;
            }
            if (source.AsSpan(p).StartsWith("%}", StringComparison.Ordinal))
            {
                return p + 2;
            }
        }
        return -1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static string At(string source, int index, string problem) =>
        $"línea {source.AsSpan(0, index).Count('\n') + 1}: {problem}";
}
