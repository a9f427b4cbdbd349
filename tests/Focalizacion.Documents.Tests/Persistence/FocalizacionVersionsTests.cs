using Focalizacion.Cycle;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Access;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Focalizacion.Documents.Tests.Persistence;

/// <summary>Submitted versions on the real database: numbered per region, year and stage, kept whole, never changed, isolated by region for the API's role.</summary>
public sealed class FocalizacionVersionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 10, 15, 0);
    private static readonly Actor Gore = new("gore.nb@gore.ejemplo.invalid", ActorChannel.Web) { Role = "gore", Region = "NB" };

    [Test]
    public async Task The_API_role_stores_its_region_s_versions_numbered_and_whole_and_no_other_region_s()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await Migrator.GrantApiAsync(database.Store.DataSource, CycleRuntime.Schemas.Prepend(MigrationSet.Engine).ToList(), new NpgsqlConnectionStringBuilder(database.ApiConnectionString).Username!);
        await using var api = new Store(database.ApiConnectionString);
        var versions = new FocalizacionVersions(api, new FakeClock(Now));
        var final = FocalizacionSamples.Of("NB", 2027, Stage.Final);
        var observations = ConformityCheck.Check(final, null, actaPdfPresent: false);

        var first = await api.WriteAsync(RegionScope.Of("NB"), () => versions.SubmitAsync(final, observations, null, null, Gore));
        var second = await api.WriteAsync(RegionScope.Of("NB"), () => versions.SubmitAsync(final, [], null, null, Gore));
        var refused = Assert.ThrowsAsync<PostgresException>(() => api.WriteAsync(RegionScope.Of("BI"), () => versions.SubmitAsync(final, [], null, null, Gore)));

        Assert.That((first.Number, second.Number), Is.EqualTo((1, 2)));
        Assert.That(refused!.MessageText, Does.Contain("row-level security"));
        var read = await api.ReadAsync(RegionScope.Of("NB"), () => versions.FindAsync(first.Id));
        Assert.That(FocalizacionJson.Serialize(read!.Content), Is.EqualTo(FocalizacionJson.Serialize(final)), "kept whole");
        Assert.That(read.Observations, Is.EqualTo(observations));
        Assert.That((read.Conforms, read.SubmittedBy, read.SubmittedAt), Is.EqualTo((false, Gore.ToString(), Now)));
        Assert.That(await api.ReadAsync(RegionScope.Of("BI"), () => versions.FindAsync(first.Id)), Is.Null, "another region's team does not see it");
        Assert.That((await api.ReadAsync(RegionScope.Of("NB"), () => versions.LatestAsync("NB", 2027, Stage.Final)))!.Id, Is.EqualTo(second.Id));
    }

    [TestCase("UPDATE focalizacion_versiones SET enviada_por = 'otro'")]
    [TestCase("DELETE FROM focalizacion_versiones")]
    [TestCase("TRUNCATE focalizacion_versiones CASCADE")]
    [TestCase("TRUNCATE focalizacion_observaciones")] // Sercotec's observations, once unguarded against TRUNCATE
    public async Task A_submitted_version_and_its_observations_are_never_changed_or_removed_not_even_by_the_owner(string sql)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var versions = new FocalizacionVersions(database.Store, new FakeClock(Now));
        await versions.SubmitAsync(FocalizacionSamples.Of("NB", 2027, Stage.Preliminar), [], null, null, Gore);

        var refused = Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync(sql));

        Assert.That(refused!.MessageText, Does.Contain("el archivo es inmutable: lo guardado no se modifica ni se borra"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM focalizacion_versiones WHERE enviada_por <> 'otro'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_applicable_focalizaciones_come_with_their_versions_and_observations_are_stored_together_in_order()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var versions = new FocalizacionVersions(database.Store, new FakeClock(Now));
        var final = await versions.SubmitAsync(FocalizacionSamples.Of("NB", 2027, Stage.Final), [], null, null, Gore);
        await database.ExecuteAsync(
            "INSERT INTO focalizaciones (region, anio_presupuestario, resultado, registrado_at, origen, version_id) VALUES " +
            $"('NB', 2027, '{CycleOutcomes.Final}', now(), 'prueba', {final.Id}), ('BI', 2027, '{CycleOutcomes.Sercotec}', now(), 'prueba', NULL), ('NB', 2026, '{CycleOutcomes.Final}', now(), 'prueba', NULL)");
        var preliminary = await versions.SubmitAsync(FocalizacionSamples.Of("NB", 2027, Stage.Preliminar), [], null, null, Gore);

        var applicable = await versions.ApplicableAsync(2027);
        await versions.AddObservationsAsync(preliminary, [(3, "Falta la comuna"), (1, "Revise el monto"), (3, "Y el sector")], Gore);

        Assert.Multiple(async () =>
        {
            Assert.That(applicable.Select(a => (a.Region, a.Outcome, a.Version?.Id)), Is.EqualTo(new[] { ("BI", CycleOutcomes.Sercotec, (long?)null), ("NB", CycleOutcomes.Final, final.Id) }));
            Assert.That(applicable[1].Version!.Content.Lines, Has.Count.EqualTo(final.Content.Lines.Count), "the version whole, not only its id");
            Assert.That((await versions.ObservationsAsync(preliminary.Id)).Select(o => (o.Line, o.Text)),
                Is.EqualTo(new[] { (1, "Revise el monto"), (3, "Falta la comuna"), (3, "Y el sector") }), "by line, and in the order written within a line");
        });
    }
}
