using Focalizacion.Cycle.Directorio;
using Focalizacion.Testing;

namespace Focalizacion.Cycle.Tests.Directorio;

public sealed class DirectoryTests
{
    [Test]
    public async Task Seed_fills_every_region_once_with_fake_placeholders_and_never_overwrites_an_admin_edit()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var directory = new RecipientDirectory(database.Store);

        Assert.That(await DirectorySeed.SeedAsync(database.Store), Is.EqualTo((16 * 4) + 1));
        // An admin replaces Ñuble's governor placeholder with a real person.
        await directory.RemoveRoleAsync("NB", CycleRoles.Gobernador);
        await directory.AddAsync("NB", new Recipient(CycleRoles.Gobernador, "Persona Real", "Gobernador Regional de Ñuble", "real@gore.ejemplo.invalid"));

        Assert.That(await DirectorySeed.SeedAsync(database.Store), Is.Zero);
        var governor = await directory.ResolveAsync("NB", [CycleRoles.Gobernador]);
        Assert.That(governor.Select(r => r.Address), Is.EqualTo(new[] { "real@gore.ejemplo.invalid" }));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM directorio WHERE correo NOT LIKE '%.invalid' OR (nombre NOT LIKE '%(ficticio)' AND nombre <> 'Persona Real')"), Is.Zero);
    }

    [TestCase("gore-gobernador, gore-contraparte", new[] { "gore-gobernador", "gore-contraparte" })] // comma and space
    [TestCase("  gore-gobernador   central-gerencia-regiones ", new[] { "gore-gobernador", "central-gerencia-regiones" })] // spaces only
    [TestCase("gore-gobernador,gore-gobernador", new[] { "gore-gobernador" })] // a repeated role is one
    public void Roles_setting_splits_on_commas_and_spaces(string setting, string[] expected) =>
        Assert.That(Focalizacion.Engine.Definitions.Settings.SettingSpec.Values(setting), Is.EqualTo(expected));

    [Test]
    public async Task Central_roles_apply_to_every_region_and_regional_ones_only_to_theirs()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await DirectorySeed.SeedAsync(database.Store);
        var directory = new RecipientDirectory(database.Store);

        var recipients = await directory.ResolveAsync("MA", [CycleRoles.GerenciaRegiones, CycleRoles.DirectorRegional]);

        Assert.That(recipients.Select(r => r.Address), Is.EqualTo(new[] { "gerencia.regiones@sercotec.ejemplo.invalid", "director.ma@sercotec.ejemplo.invalid" }));
        Assert.That(recipients[1].Name, Is.EqualTo("Director(a) Regional Sercotec Magallanes y de la Antártica Chilena (ficticio)"));
    }
}
