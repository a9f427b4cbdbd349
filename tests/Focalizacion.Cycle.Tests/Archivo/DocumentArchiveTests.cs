using System.Security.Cryptography;
using System.Text;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Access;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Focalizacion.Cycle.Tests.Archivo;

/// <summary>The archive on the real database: immutable for every role, isolated by region for the API's role, reading and writing.</summary>
public sealed class DocumentArchiveTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 10, 15, 0);
    private static readonly Actor Gore = new("gore.nb@gore.ejemplo.invalid", ActorChannel.Web) { Role = "gore", Region = "NB" };

    [Test]
    public async Task A_stored_document_keeps_its_hash_size_who_and_when_and_reads_back_the_same()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var archive = new DocumentArchive(database.Store, new FakeClock(Now));
        var content = Encoding.UTF8.GetBytes("Focalización de Ñuble");

        var stored = await archive.StoreAsync(Planilla("NB"), Gore, new MemoryStream(content));

        Assert.That(stored.Sha256, Is.EqualTo(SHA256.HashData(content)));
        Assert.That(stored.DigestField, Is.EqualTo($"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:"));
        Assert.That(await archive.FindAsync(stored.Id), Is.EqualTo(stored).Using<ArchivedDocument>((a, b) => a.Id == b.Id && a.Sha256.SequenceEqual(b.Sha256) && a.Size == b.Size && a.StoredBy == b.StoredBy && a.StoredAt == b.StoredAt));
        Assert.That(await archive.ReadContentAsync(stored.Id), Is.EqualTo(content));
        Assert.That(await archive.FindAsync(stored.Id + 1), Is.Null);
        Assert.That(await archive.ReadContentAsync(stored.Id + 1), Is.Null);
    }

    [Test]
    public async Task Too_large_or_badly_described_documents_are_refused_in_spanish_and_store_nothing()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var archive = new DocumentArchive(database.Store, new FakeClock(Now)) { MaxBytes = 1000 };

        var tooLarge = Assert.ThrowsAsync<CycleException>(() => archive.StoreAsync(Planilla("NB"), Gore, new MemoryStream(new byte[1001])));
        var badType = Assert.ThrowsAsync<CycleException>(() => archive.StoreAsync(Planilla("NB") with { Type = "otro" }, Gore, new MemoryStream([1])));
        var badName = Assert.ThrowsAsync<CycleException>(() => archive.StoreAsync(Planilla("NB") with { Name = new string('a', 256) }, Gore, new MemoryStream([1])));

        Assert.That(tooLarge!.Message, Does.StartWith("contenido: ").And.Contain("1000 bytes"));
        Assert.That(badType!.Message, Does.StartWith("tipo: ").And.Contain(DocumentTypes.OficioPdf));
        Assert.That(badName!.Message, Does.StartWith("nombre: "));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM documentos"), Is.Zero);
        // Exactly the limit is fine.
        Assert.That((await archive.StoreAsync(Planilla("NB"), Gore, new MemoryStream(new byte[1000]))).Size, Is.EqualTo(1000));
    }

    [TestCase("UPDATE documentos SET nombre = 'otro.xlsx'")]
    [TestCase("DELETE FROM documentos")]
    [TestCase("TRUNCATE documentos CASCADE")]
    public async Task No_document_is_ever_changed_or_removed_not_even_by_the_owner(string sql)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await new DocumentArchive(database.Store, new FakeClock(Now)).StoreAsync(Planilla("NB"), Gore, new MemoryStream([1, 2, 3]));

        var refused = Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync(sql));

        Assert.That(refused!.MessageText, Does.Contain("el archivo es inmutable: lo guardado no se modifica ni se borra (se rechazó"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM documentos WHERE nombre = 'planilla.xlsx'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_database_refuses_a_hash_or_size_that_is_not_the_content_s()
    {
        await using var database = await TestDatabase.CreateCycleAsync();

        var refused = Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync(
            "INSERT INTO documentos (region, tipo, nombre, media_type, sha256, tamano, contenido, subido_por, subido_at) " +
            "VALUES ('NB', 'acta-core', 'a.pdf', 'application/pdf', sha256('\\x01'::bytea), 1, '\\x02'::bytea, 'x', now())"));

        Assert.That(refused!.ConstraintName, Is.EqualTo("documentos_hash_del_contenido"));
    }

    [Test]
    public async Task The_types_the_database_accepts_are_exactly_the_code_s()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await using var command = database.Store.DataSource.CreateCommand(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'documentos'::regclass AND pg_get_constraintdef(oid) LIKE '%tipo%'");
        var definition = (string)(await command.ExecuteScalarAsync())!;

        var quoted = System.Text.RegularExpressions.Regex.Matches(definition, "'([^']*)'::text").Select(m => m.Groups[1].Value);

        Assert.That(quoted, Is.EquivalentTo(DocumentTypes.All));
    }

    [Test]
    public async Task The_API_role_stores_into_and_reads_only_the_regions_of_its_scope()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await GrantApiAsync(database);
        var clock = new FakeClock(Now);
        var owned = await new DocumentArchive(database.Store, clock).StoreAsync(Planilla("BI"), Actor.Service, new MemoryStream([9, 9]));
        await using var api = new Store(database.ApiConnectionString);
        var archive = new DocumentArchive(api, clock);

        // A GORE of Ñuble stores its own region's document…
        var mine = await api.WriteAsync(RegionScope.Of("NB"), () => archive.StoreAsync(Planilla("NB"), Gore, new MemoryStream([1, 2, 3])));
        // …but not one of Biobío: the policy's WITH CHECK refuses it, and nothing is stored.
        var refused = Assert.ThrowsAsync<PostgresException>(() => api.WriteAsync(RegionScope.Of("NB"), () => archive.StoreAsync(Planilla("BI"), Gore, new MemoryStream([4]))));
        Assert.That(refused!.MessageText, Does.Contain("row-level security"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM documentos"), Is.EqualTo(2));

        // It reads its own, not Biobío's (as if it did not exist), content included.
        Assert.That((await api.ReadAsync(RegionScope.Of("NB"), () => archive.FindAsync(mine.Id)))?.Region, Is.EqualTo("NB"));
        Assert.That(await api.ReadAsync(RegionScope.Of("NB"), () => archive.FindAsync(owned.Id)), Is.Null);
        Assert.That(await api.ReadAsync(RegionScope.Of("NB"), () => archive.ReadContentAsync(owned.Id)), Is.Null);
        Assert.That(await api.ReadAsync(RegionScope.Of("BI"), () => archive.ReadContentAsync(owned.Id)), Is.EqualTo(new byte[] { 9, 9 }));

        // And it changes none, not even its own region's.
        var update = Assert.ThrowsAsync<PostgresException>(() => api.WriteAsync(RegionScope.Of("NB"), async () =>
        {
            await using var command = api.CreateCommand("UPDATE documentos SET nombre = 'x'");
            return await command.ExecuteNonQueryAsync();
        }));
        Assert.That(update!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task A_scoped_write_whose_body_fails_commits_nothing()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await GrantApiAsync(database);
        await using var api = new Store(database.ApiConnectionString);
        var archive = new DocumentArchive(api, new FakeClock(Now));

        Assert.ThrowsAsync<InvalidOperationException>(() => api.WriteAsync<int>(RegionScope.Of("NB"), async () =>
        {
            await archive.StoreAsync(Planilla("NB"), Gore, new MemoryStream([1]));
            throw new InvalidOperationException("después de guardar");
        }));

        Assert.That(await database.ScalarAsync("SELECT count(*) FROM documentos"), Is.Zero);
    }

    private static NewDocument Planilla(string region) => new(region, 2027, DocumentTypes.PlanillaFocalizacion, "planilla.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static Task GrantApiAsync(TestDatabase database) =>
        Migrator.GrantApiAsync(database.Store.DataSource, CycleRuntime.Schemas.Prepend(MigrationSet.Engine).ToList(), new NpgsqlConnectionStringBuilder(database.ApiConnectionString).Username!);
}
