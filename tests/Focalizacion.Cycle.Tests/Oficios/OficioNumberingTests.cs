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

        var nb1 = await AssignAsync(numbering, "a", "direccion-regional-NB", "NB", "oficio-inicio", March2026);
        var nb2 = await AssignAsync(numbering, "b", "direccion-regional-NB", "NB", "presupuesto-exploratorio", March2026);
        var bi1 = await AssignAsync(numbering, "c", "direccion-regional-BI", "BI", "oficio-inicio", March2026);
        var gg1 = await AssignAsync(numbering, "d", "gerencia-general", "NB", "oficio-inicio", March2026);
        var gg2 = await AssignAsync(numbering, "e", "gerencia-general", "BI", "oficio-inicio", March2026);

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
        var december = await AssignAsync(numbering, "a", "gerencia-general", null, "focalizacion-final", Instant.FromUtc(2027, 1, 1, 2, 30));
        // 1 Jan 2027 03:30 UTC is 00:30 on 1 Jan in Santiago: a new series starting at 1.
        var january = await AssignAsync(numbering, "b", "gerencia-general", null, "focalizacion-final", Instant.FromUtc(2027, 1, 1, 3, 30));

        Assert.That(december, Is.EqualTo(new OficioNumber(1, 2026)));
        Assert.That(january, Is.EqualTo(new OficioNumber(1, 2027)));
    }

    [Test]
    public async Task The_same_key_always_gets_the_same_number_and_never_consumes_another()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var numbering = new OficioNumbering(database.Store);

        var first = await AssignAsync(numbering, "clave", "gerencia-general", "NB", "oficio-inicio", March2026);
        var retry = await AssignAsync(numbering, "clave", "gerencia-general", "NB", "oficio-inicio", March2026.Plus(Duration.FromDays(300)));
        var next = await AssignAsync(numbering, "otra", "gerencia-general", "NB", "oficio-inicio", March2026);

        Assert.That(retry, Is.EqualTo(first));
        Assert.That(next, Is.EqualTo(new OficioNumber(2, 2026)));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series WHERE emisor = 'gerencia-general'"), Is.EqualTo(2));
    }

    [Test]
    public async Task An_oficio_that_cannot_be_issued_consumes_no_number_and_a_retry_of_its_key_gets_the_next()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var numbering = new OficioNumbering(database.Store);
        var first = await AssignAsync(numbering, "a", "gerencia-general", "NB", "oficio-inicio", March2026);

        // The template fails to render with the number it was handed.
        var failed = Assert.ThrowsAsync<CycleException>(() => numbering.AssignAsync("b", "gerencia-general", "NB", "ajuste", March2026,
            Task<string> (number) => throw new CycleException($"no se pudo escribir el oficio {number.Number}")));
        Assert.That(failed!.Message, Is.EqualTo("no se pudo escribir el oficio 2"));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(1));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM oficios WHERE idempotency_key = 'b'"), Is.Zero);

        var (retried, text) = await numbering.AssignAsync("b", "gerencia-general", "NB", "ajuste", March2026, number => Task.FromResult($"Oficio N° {number.Number}/{number.Year}"));
        var next = await AssignAsync(numbering, "c", "gerencia-general", "NB", "ajuste", March2026);
        // An issue that fails for an already numbered key keeps that number: it is the key's.
        Assert.ThrowsAsync<CycleException>(() => numbering.AssignAsync("b", "gerencia-general", "NB", "ajuste", March2026, Task<string> (_) => throw new CycleException("otra vez")));

        Assert.That((first, retried, text, next), Is.EqualTo((new OficioNumber(1, 2026), new OficioNumber(2, 2026), "Oficio N° 2/2026", new OficioNumber(3, 2026))));
        Assert.That(await AssignAsync(numbering, "b", "gerencia-general", "NB", "ajuste", March2026), Is.EqualTo(new OficioNumber(2, 2026)));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(3));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(3));
    }

    [Test]
    public async Task Parallel_assignments_whose_issue_fails_for_some_keys_leave_the_series_gap_free()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await using var store = new Focalizacion.Runtime.Persistence.Store(database.ConnectionString + ";Maximum Pool Size=20");
        var numbering = new OficioNumbering(store);
        var broken = new HashSet<int>(Enumerable.Range(0, 50).Where(k => k % 3 == 0));

        // 50 keys, each asked for twice at once; every third key's oficio cannot be written yet.
        var firstRound = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Key: i % 50, Number: (await numbering.AssignAsync($"k{i % 50}", "gerencia-general", "NB", "oficio-inicio", March2026,
                    number => broken.Contains(i % 50) ? throw new CycleException("plantilla rota") : Task.FromResult(number))).Number.Number);
            }
            catch (CycleException)
            {
                return (Key: i % 50, Number: 0);
            }
        })));
        var issued = firstRound.Where(r => r.Number > 0).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Number).Distinct().Single());

        Assert.That(issued.Keys.Order(), Is.EqualTo(Enumerable.Range(0, 50).Where(k => !broken.Contains(k))));
        Assert.That(issued.Values.Order(), Is.EqualTo(Enumerable.Range(1, 50 - broken.Count)), "gap-free although 17 keys failed");
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(50 - broken.Count));

        // Fixed: the broken keys get the numbers that follow, and the others keep theirs.
        var secondRound = await Task.WhenAll(Enumerable.Range(0, 50).Select(k => Task.Run(async () => (Key: k, (await AssignAsync(numbering, $"k{k}", "gerencia-general", "NB", "oficio-inicio", March2026)).Number))));
        Assert.That(secondRound.Where(r => issued.ContainsKey(r.Key)).All(r => issued[r.Key] == r.Number), Is.True, "a key changed its number");
        Assert.That(secondRound.Select(r => r.Number).Order(), Is.EqualTo(Enumerable.Range(1, 50)));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(50));
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
            Task.Run(() => AssignAsync(numbering, $"k{i % 50}", "gerencia-general", "NB", "oficio-inicio", March2026))));

        var byKey = results.Select((number, i) => (Key: i % 50, number.Number)).GroupBy(r => r.Key).ToList();
        Assert.That(byKey.All(g => g.Select(r => r.Number).Distinct().Count() == 1), Is.True, "a key got two numbers");
        Assert.That(byKey.Select(g => g.First().Number).Order(), Is.EqualTo(Enumerable.Range(1, 50)));
        Assert.That(await database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(50));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(50));
    }

    /// <summary>An assignment whose oficio is the number itself.</summary>
    private static async Task<OficioNumber> AssignAsync(OficioNumbering numbering, string key, string issuer, string? region, string milestone, Instant issuedAt) =>
        (await numbering.AssignAsync(key, issuer, region, milestone, issuedAt, Task.FromResult)).Number;
}
