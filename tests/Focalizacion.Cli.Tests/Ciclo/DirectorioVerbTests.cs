using NodaTime;

namespace Focalizacion.Cli.Tests.Ciclo;

public class DirectorioVerbTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 15, 0);

    [TestCase("XX", "gore-gobernador", "ana@gore.cl", "región: no existe la región «XX»")]
    [TestCase("NB", "gobernador", "ana@gore.cl", "rol: «gobernador» no es un rol del ciclo")]
    [TestCase("NB", "gore-gobernador", "ana(arroba)gore.cl", "correo: «ana(arroba)gore.cl» no es una dirección de correo válida")]
    [TestCase("NB", "central-gerencia-regiones", "ana@gore.cl", "rol: «central-gerencia-regiones» es un rol central")]
    [TestCase("central", "gore-gobernador", "ana@gore.cl", "rol: «gore-gobernador» es un rol regional")]
    public async Task Asignar_rejects_a_bad_field_by_name_and_changes_nothing(string region, string role, string address, string message)
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        var run = await cli.RunAsync("directorio", "asignar", region, role, address);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.StartWith("Error: " + message));
            Assert.That(await cli.Database.ScalarAsync("SELECT count(*) FROM directorio WHERE correo NOT LIKE '%.ejemplo.invalid'"), Is.Zero);
        });
    }

    [Test]
    public async Task Asignar_replaces_the_role_holders_of_that_region_only()
    {
        await using var cli = await CycleCli.PreparedAsync(Now);
        var assigned = await cli.RunAsync("directorio", "asignar", "nuble", "gore-gobernador", "Ana Pérez <ana@gore-nuble.cl>", "--cargo", "Gobernadora Regional de Ñuble");
        var central = await cli.RunAsync("directorio", "asignar", "central", "central-gerencia-regiones", "gerencia@sercotec.cl", "--nombre", "Luis Soto");
        var nuble = await cli.RunAsync("directorio", "listar", "--region", "NB", "--json");
        var all = await cli.RunAsync("directorio", "listar");
        Assert.That(assigned.ExitCode, Is.Zero, assigned.Error);
        Assert.That(central.ExitCode, Is.Zero, central.Error);
        var governors = nuble.Json().EnumerateArray().Where(r => r.GetProperty("rol").GetString() == "gore-gobernador").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(governors.Select(g => (g.GetProperty("nombre").GetString(), g.GetProperty("correo").GetString(), g.GetProperty("cargo").GetString())),
                Is.EqualTo(new[] { ("Ana Pérez", "ana@gore-nuble.cl", "Gobernadora Regional de Ñuble") }));
            Assert.That(nuble.Json().EnumerateArray().Count(), Is.EqualTo(5), "four regional roles and the central one");
            Assert.That(all.Output, Does.Contain("central  central-gerencia-regiones").And.Contain("Luis Soto <gerencia@sercotec.cl>"));
            Assert.That(all.Output, Does.Contain("gobernador.ma@gore.ejemplo.invalid"), "other regions keep theirs");
        });
    }
}
