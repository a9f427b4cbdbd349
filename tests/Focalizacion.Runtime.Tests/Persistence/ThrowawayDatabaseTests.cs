using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;
using Npgsql;

namespace Focalizacion.Runtime.Tests.Persistence;

/// <summary>Throwaway databases carry a mark that no other database has, so virtual time can refuse the live one.</summary>
public class ThrowawayDatabaseTests
{
    [Test]
    public async Task Databases_made_here_are_marked_whether_created_or_copied_from_a_template()
    {
        await using var created = await ThrowawayDatabase.CreateAsync(TestDatabase.ServerConnectionString, "prueba", []);
        // Test databases are copies of a migrated template: the copy is marked, not the template.
        await using var copied = await TestDatabase.CreateAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await ThrowawayDatabase.IsThrowawayAsync(created.Store.DataSource), Is.True, "created");
            Assert.That(await ThrowawayDatabase.IsThrowawayAsync(copied.Store.DataSource), Is.True, "copied from the test template");
        });
    }

    [Test]
    public async Task A_database_made_any_other_way_is_not_marked_even_from_a_marked_template()
    {
        await using var source = await ThrowawayDatabase.CopyAsync(TestDatabase.ServerConnectionString, "prueba", template: null);
        var other = $"prueba_otra_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await admin.OpenAsync();
        // What an operator might do to set up the live database from a test one.
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {other} TEMPLATE {source.Name}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = other, Pooling = false }.ConnectionString;
            await using var store = new Store(connection);
            await using var server = new Store(TestDatabase.ServerConnectionString);
            Assert.Multiple(async () =>
            {
                Assert.That(await ThrowawayDatabase.IsThrowawayAsync(store.DataSource), Is.False, "a template copy made outside ThrowawayDatabase");
                Assert.That(await ThrowawayDatabase.IsThrowawayAsync(server.DataSource), Is.False, "the server's own database (FOCALIZACION_DB)");
            });
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {other} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
