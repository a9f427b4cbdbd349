using Focalizacion.Cycle.Oficios;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Oficios;

public sealed class OficioNumberingTests
{
    private static readonly Instant March2026 = Instant.FromUtc(2026, 3, 2, 15, 0);

    [Test]
    public async Task Numbers_are_sequential_per_office_and_year_and_separate_per_region()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var numbering = new OficioNumbering(database.Store);

        var nb1 = await numbering.AssignAsync("a", "direccion-regional-NB", "NB", "oficio-inicio", March2026);
        var nb2 = await numbering.AssignAsync("b", "direccion-regional-NB", "NB", "presupuesto-exploratorio", March2026);
        var bi1 = await numbering.AssignAsync("c", "direccion-regional-BI", "BI", "oficio-inicio", March2026);
        var gg1 = await numbering.AssignAsync("d", "gerencia-general", "NB", "oficio-inicio", March2026);
        var gg2 = await numbering.AssignAsync("e", "gerencia-general", "BI", "oficio-inicio", March2026);

        Assert.That(new[] { nb1, nb2, bi1, gg1, gg2 }, Is.EqualTo(new[]
        {
            new OficioNumber(1, 2026), new OficioNumber(2, 2026), new OficioNumber(1, 2026), new OficioNumber(1, 2026), new OficioNumber(2, 2026),
        }));
    }

    [Test]
    public async Task The_year_is_the_mainland_chilean_year_of_issue()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var numbering = new OficioNumbering(database.Store);
        // 1 Jan 2027 02:30 UTC is 23:30 on 31 Dec in Santiago (summer time, UTC−3): still 2026.
        var december = await numbering.AssignAsync("a", "gerencia-general", null, "focalizacion-final", Instant.FromUtc(2027, 1, 1, 2, 30));
        // 1 Jan 2027 03:30 UTC is 00:30 on 1 Jan in Santiago: a new series starting at 1.
        var january = await numbering.AssignAsync("b", "gerencia-general", null, "focalizacion-final", Instant.FromUtc(2027, 1, 1, 3, 30));

        Assert.That(december, Is.EqualTo(new OficioNumber(1, 2026)));
        Assert.That(january, Is.EqualTo(new OficioNumber(1, 2027)));
    }

    [Test]
    public async Task The_same_key_always_gets_the_same_number_and_never_consumes_another()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var numbering = new OficioNumbering(database.Store);

        var first = await numbering.AssignAsync("clave", "gerencia-general", "NB", "oficio-inicio", March2026);
        var retry = await numbering.AssignAsync("clave", "gerencia-general", "NB", "oficio-inicio", March2026.Plus(Duration.FromDays(300)));
        var next = await numbering.AssignAsync("otra", "gerencia-general", "NB", "oficio-inicio", March2026);

        Assert.That(retry, Is.EqualTo(first));
        Assert.That(next, Is.EqualTo(new OficioNumber(2, 2026)));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series WHERE emisor = 'gerencia-general'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Fifty_parallel_assignments_get_distinct_gap_free_numbers_and_retries_racing_them_change_nothing()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        // A bounded pool, as in production: the machine's PostgreSQL is shared, and 100 callers
        // queueing for 20 connections still interleave their transactions.
        await using var store = new Focalizacion.Runtime.Persistence.Store(database.ConnectionString + ";Maximum Pool Size=20");
        var numbering = new OficioNumbering(store);

        // 50 keys, each asked for twice at once (a first attempt racing its own retry).
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => numbering.AssignAsync($"k{i % 50}", "gerencia-general", "NB", "oficio-inicio", March2026))));

        var byKey = results.Select((number, i) => (Key: i % 50, number.Number)).GroupBy(r => r.Key).ToList();
        Assert.That(byKey.All(g => g.Select(r => r.Number).Distinct().Count() == 1), Is.True, "a key got two numbers");
        Assert.That(byKey.Select(g => g.First().Number).Order(), Is.EqualTo(Enumerable.Range(1, 50)));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(50));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(50));
    }
}
