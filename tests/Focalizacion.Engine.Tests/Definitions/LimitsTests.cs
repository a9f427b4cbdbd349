using System.Diagnostics;
using System.Text;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// Size and nesting are checked in one streaming pass before the document is built: building it
/// takes memory with the size and time with the square of the depth.
/// </summary>
public class LimitsTests
{
    private static readonly string Valid = Bpmn.Definitions(Bpmn.Head + Bpmn.Wait + Bpmn.Tail);

    /// <summary>The valid process with other tools' elements nested to <paramref name="levels"/> levels in all (the root is level 1).</summary>
    private static string NestedTo(int levels)
    {
        // definitions → process → userTask → extensionElements are levels 1–4.
        int extra = levels - 4;
        var nested = string.Concat(Enumerable.Repeat("<x:a xmlns:x='urn:otra-herramienta'>", extra)) + string.Concat(Enumerable.Repeat("</x:a>", extra));
        return Valid.Replace(Bpmn.Wait, $"<bpmn:userTask id='T'><bpmn:extensionElements>{nested}</bpmn:extensionElements></bpmn:userTask>", StringComparison.Ordinal);
    }

    [Test]
    public void A_file_nested_up_to_the_limit_imports()
    {
        var result = Bpmn.Import(NestedTo(BpmnImporter.MaxDepth));
        Assert.That(result.Success, Is.True, result.NotBpmnReason + string.Join("\n", result.Problems));
    }

    [Test]
    public void One_level_more_is_refused_with_its_line()
    {
        var result = Bpmn.Import(NestedTo(BpmnImporter.MaxDepth + 1));
        Assert.That(result.NotBpmnReason, Is.EqualTo("el archivo anida elementos a más de 100 niveles (línea 3), el máximo que se acepta; un archivo BPMN real tiene unos 10"));
    }

    [Test]
    public void A_hundred_thousand_levels_are_refused_at_once()
    {
        // Building the document of this file took over a minute; the streaming pass stops at level 101.
        var watch = Stopwatch.StartNew();
        var result = Bpmn.Import(NestedTo(100_000));
        Assert.Multiple(() =>
        {
            Assert.That(result.NotBpmnReason, Does.StartWith("el archivo anida elementos a más de 100 niveles"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void A_file_larger_than_the_limit_is_refused_before_reading_it()
    {
        // A valid file made large by a comment: only its size is wrong.
        var large = Valid.Replace("</bpmn:definitions>", $"<!--{new string('x', BpmnImporter.MaxFileBytes)}--></bpmn:definitions>", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(Bpmn.Import(large).NotBpmnReason, Is.EqualTo("el archivo pesa más de 10 MB, el máximo que se acepta"));
            Assert.That(BpmnImporter.Import(Encoding.UTF8.GetBytes(large), Bpmn.Handlers).NotBpmnReason, Is.EqualTo("el archivo pesa más de 10 MB, el máximo que se acepta"));
        });
    }

    [Test]
    public void A_file_just_under_the_limit_imports()
    {
        var padding = BpmnImporter.MaxFileBytes - Encoding.UTF8.GetByteCount(Valid) - "<!---->".Length;
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("</bpmn:definitions>", $"<!--{new string('x', padding)}--></bpmn:definitions>", StringComparison.Ordinal));
        Assert.That(bytes, Has.Length.EqualTo(BpmnImporter.MaxFileBytes));
        Assert.That(BpmnImporter.Import(bytes, Bpmn.Handlers).Success, Is.True);
    }
}
