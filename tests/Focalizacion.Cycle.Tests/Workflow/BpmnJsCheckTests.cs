using System.Diagnostics;
using Focalizacion.Testing;

namespace Focalizacion.Cycle.Tests.Workflow;

/// <summary>
/// The shipped cycle opens cleanly in bpmn-js, with its diagram: <c>tools/bpmn-check/check.mjs</c>
/// reads it with bpmn-moddle and our <c>workflows/focalizacion.moddle.json</c> (what the admin
/// designer hands bpmn-js) and fails on import warnings, missing or broken DI and overlapping shapes.
/// </summary>
public sealed class BpmnJsCheckTests
{
    private const string Shipped = "workflows/ciclo-focalizacion-regional.bpmn";

    private static readonly string RepoRoot = RepositoryRoot.Path;

    private string _scratch = "";

    [OneTimeSetUp]
    public void InstallCheckerOnce()
    {
        if (!Directory.Exists(Path.Combine(RepoRoot, "tools", "bpmn-check", "node_modules", "bpmn-moddle")))
        {
            var install = Run("npm", "ci", "--prefix", "tools/bpmn-check", "--no-audit", "--no-fund");
            Assert.That(install.ExitCode, Is.Zero, $"npm ci --prefix tools/bpmn-check failed:\n{install.Output}");
        }
    }

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("bpmn-check-").FullName;

    [TearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Shipped_workflow_opens_cleanly_in_bpmn_js_with_its_diagram()
    {
        var check = Run("node", "tools/bpmn-check/check.mjs", Shipped);

        Assert.That(check.ExitCode, Is.Zero, check.Output);
    }

    [Test]
    public void A_flow_node_without_its_shape_fails_naming_the_node()
    {
        var file = ShippedWith(xml => RemoveLine(xml, "bpmnElement=\"OficioInicio\""));

        var check = Run("node", "tools/bpmn-check/check.mjs", file);

        Assert.That(check.ExitCode, Is.EqualTo(1), check.Output);
        Assert.That(check.Output, Does.Contain("OficioInicio: falta su BPMNShape"));
    }

    [Test]
    public void An_unknown_foc_attribute_fails_naming_the_element()
    {
        var file = ShippedWith(xml => xml.Replace("foc:hito=\"oficio-inicio\"", "foc:hito=\"oficio-inicio\" foc:hitto=\"oficio-inicio\"", StringComparison.Ordinal));

        var check = Run("node", "tools/bpmn-check/check.mjs", file);

        Assert.That(check.ExitCode, Is.EqualTo(1), check.Output);
        Assert.That(check.Output, Does.Contain("OficioInicio: atributo desconocido foc:hitto"));
    }

    private string ShippedWith(Func<string, string> change)
    {
        var original = File.ReadAllText(Path.Combine(RepoRoot, Shipped));
        var changed = change(original);
        Assert.That(changed, Is.Not.EqualTo(original), "the change did not apply to the shipped file");
        var path = Path.Combine(_scratch, "ciclo.bpmn");
        File.WriteAllText(path, changed);
        return path;
    }

    private static string RemoveLine(string xml, string marker) =>
        string.Join('\n', xml.Split('\n').Where(line => !line.Contains(marker, StringComparison.Ordinal)));

    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (process.ExitCode, $"{program} {string.Join(' ', args)} → {process.ExitCode}\n{output}{error.Result}");
    }
}
