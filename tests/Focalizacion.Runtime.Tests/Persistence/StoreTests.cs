using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;
using Npgsql;

namespace Focalizacion.Runtime.Tests.Persistence;

public class StoreTests
{
    [Test]
    public async Task Migrations_apply_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.That(await Migrator.ApplyAsync(database.Store.DataSource, [TestModule.Schema]), Is.Empty, "a second run finds nothing to apply");
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM schema_migrations"), Is.GreaterThanOrEqualTo(1));
    }

    [TestCase("UPDATE journal SET details = 'cambiado'")] // history cannot be rewritten
    [TestCase("DELETE FROM journal")] // nor erased row by row
    [TestCase("TRUNCATE journal")] // nor all at once
    public async Task The_journal_refuses_updates_and_deletes(string sql)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var insert = database.Store.DataSource.CreateCommand("INSERT INTO journal (at, actor, kind, details) VALUES (now(), 'prueba', 'x', 'original')"))
        {
            await insert.ExecuteNonQueryAsync();
        }
        await using var command = database.Store.DataSource.CreateCommand(sql);
        var error = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(error!.MessageText, Does.Contain("el diario es de solo agregado"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal WHERE details = 'original'"), Is.EqualTo(1));
    }
}
