using System.Text.RegularExpressions;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Tests.Instances;

/// <summary>
/// Migrating running instances to a newer version of their process, on PostgreSQL: a dry run that
/// changes nothing, a refusal naming the node the target lacks, a deadline the target changed
/// rescheduled and journaled; and pinning: instances started after a new version use it, older ones keep theirs.
/// </summary>
public class InstanceMigrationTests
{
    private const string Fixture = "plazo-con-recordatorio.bpmn";

    /// <summary>The fixture with its deadline (the interrupting <c>Vence</c>) at 45 days instead of 30.</summary>
    private static string LaterDeadline => Harness.Fixture(Fixture).Replace("<bpmn:timeDuration>P30D</bpmn:timeDuration>", "<bpmn:timeDuration>P45D</bpmn:timeDuration>", StringComparison.Ordinal);

    /// <summary>The fixture without its reminder: the boundary event <c>Recordar</c>, its task, end and flows.</summary>
    private static string WithoutReminder => Regex.Replace(
        Regex.Replace(Harness.Fixture(Fixture), "<bpmn:boundaryEvent id=\"Recordar\".*?</bpmn:boundaryEvent>", "", RegexOptions.Singleline),
        "^.*(id=\"Recordatorio\"|id=\"FinRecordatorio\"|id=\"F6\"|id=\"F7\").*$", "", RegexOptions.Multiline);

    /// <summary><paramref name="days"/> days after the harness's start in Ñuble's local time, as a duration timer counts (Chile leaves summer time on 5 April 2026).</summary>
    private static Instant DaysAfterStart(int days, int startDay = 0)
    {
        var zone = Calendar.ChileanTime.Mainland;
        return zone.AtLeniently(Harness.Start.InZone(zone).LocalDateTime.PlusDays(startDay + days)).ToInstant();
    }

    private static async Task<DefinitionRow> PublishAsync(Harness harness, string xml)
    {
        var (draft, result) = await harness.Runtime.Definitions.ImportAsync(xml, Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        return await harness.Runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"));
    }

    /// <summary>An instance started on the fixture's version 1 and waiting for its document: its id and its definition's.</summary>
    private static async Task<(Guid Id, long Source)> WaitingOnVersion1Async(Harness harness)
    {
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        return (id, await DefinitionOfAsync(harness, id));
    }

    private static async Task<List<TimerRow>> TimersAsync(Harness harness, Guid id)
    {
        await using var db = harness.Database.Store.Open();
        return await db.Timers.AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.Id).ToListAsync();
    }

    private static async Task<long> DefinitionOfAsync(Harness harness, Guid id)
    {
        await using var db = harness.Database.Store.Open();
        return await db.Instances.Where(i => i.Id == id).Select(i => i.DefinitionId).SingleAsync();
    }

    [Test]
    public async Task A_dry_run_lists_where_the_instance_waits_and_what_would_move_and_changes_nothing()
    {
        await using var harness = await Harness.CreateAsync();
        var (id, source) = await WaitingOnVersion1Async(harness);
        var target = await PublishAsync(harness, LaterDeadline);
        var before = await TimersAsync(harness, id);
        var outcome = await harness.Runtime.Migrations.MigrateAsync(id, source, target, dryRun: true, Actor.Cli("ana"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Refusal, Is.Null);
            Assert.That(outcome.Migrated, Is.False);
            Assert.That(outcome.CorrelationKey, Is.EqualTo("NB/2027"));
            Assert.That(outcome.Waiting.Select(w => (w.NodeId, w.InTarget)), Is.EquivalentTo(new[] { ("Esperar", true), ("Vence", true), ("Recordar", true) }));
            Assert.That(outcome.Changes, Has.Count.EqualTo(1));
            Assert.That(outcome.Changes[0], Does.StartWith("Vence el plazo (Vence): «P30D» vencía").And.Contain("en la versión 2, «P45D» vence"));
            Assert.That(await DefinitionOfAsync(harness, id), Is.EqualTo(source), "a dry run leaves the instance on its version");
            Assert.That((await TimersAsync(harness, id)).Select(t => (t.TimerId, t.State, t.DueAt)), Is.EqualTo(before.Select(t => (t.TimerId, t.State, t.DueAt))));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind IN ('instancia-migrada', 'temporizador-reprogramado', 'evento-rechazado')"), Is.Zero);
        });
    }

    [Test]
    public async Task A_migration_is_refused_naming_the_waiting_node_the_target_removed_and_changes_nothing()
    {
        await using var harness = await Harness.CreateAsync();
        var (id, source) = await WaitingOnVersion1Async(harness);
        var target = await PublishAsync(harness, WithoutReminder);
        var outcome = await harness.Runtime.Migrations.MigrateAsync(id, source, target, dryRun: false, Actor.Cli("ana"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Migrated, Is.False);
            Assert.That(outcome.Refusal, Is.EqualTo("la versión 2 no tiene los nodos donde espera la instancia: Recordatorio (Recordar): no existe en la versión destino"));
            Assert.That(outcome.Waiting.Single(w => w.NodeId == "Recordar").InTarget, Is.False);
            Assert.That(outcome.Waiting.Single(w => w.NodeId == "Esperar").InTarget, Is.True);
            Assert.That(await DefinitionOfAsync(harness, id), Is.EqualTo(source));
            Assert.That((await TimersAsync(harness, id)).Select(t => t.State), Is.All.EqualTo(TimerState.Pending));
            Assert.That(await harness.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'evento-rechazado' AND actor = 'ana' AND event = 'migración a la versión 2' AND details LIKE '%Recordar%'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_migration_moves_the_deadline_the_target_changed_keeps_the_rest_and_journals_it()
    {
        await using var harness = await Harness.CreateAsync();
        var (id, source) = await WaitingOnVersion1Async(harness);
        var target = await PublishAsync(harness, LaterDeadline);
        harness.Clock.Advance(Duration.FromDays(2));
        var outcome = await harness.Runtime.Migrations.MigrateAsync(id, source, target, dryRun: false, Actor.Cli("ana"));
        var timers = await TimersAsync(harness, id);
        var again = await harness.Runtime.Migrations.MigrateAsync(id, source, target, dryRun: false, Actor.Cli("ana"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Refusal, Is.Null);
            Assert.That(outcome.Migrated, Is.True);
            Assert.That(await DefinitionOfAsync(harness, id), Is.EqualTo(target.Id));
            Assert.That(timers.Select(t => (t.NodeId, t.State, t.DueAt)), Is.EqualTo(new[]
            {
                ("Vence", TimerState.Cancelled, Harness.Start + Duration.FromDays(30)),
                ("Recordar", TimerState.Pending, Harness.Start + Duration.FromDays(20)),
                ("Vence", TimerState.Pending, DaysAfterStart(45)),
            }), "the deadline counts 45 days from when the wait began, not from the migration; the unchanged reminder keeps its row");
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'instancia-migrada' AND actor = 'ana' AND via = 'cli'"), Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'temporizador-reprogramado' AND activity = 'Vence' AND details LIKE '%«P45D» vence%'"), Is.EqualTo(1));
            Assert.That(again.Refusal, Is.EqualTo($"la instancia {id} no está en curso en la definición {source}"), "a migrated instance is no longer on the source");
        });
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(60));
        await using var db = harness.Database.Store.Open();
        var fired = await db.Timers.AsNoTracking().Where(t => t.InstanceId == id && t.State == TimerState.Fired).OrderBy(t => t.FiredAt).Select(t => new { t.NodeId, t.FiredAt }).ToListAsync();
        Assert.That(fired.Select(f => (f.NodeId, f.FiredAt)), Is.EqualTo(new[] { ("Recordar", (Instant?)(Harness.Start + Duration.FromDays(20))), ("Vence", DaysAfterStart(45)) }),
            "the migrated instance runs on the new version's deadline");
    }

    [Test]
    public async Task An_instance_started_after_a_new_version_uses_its_deadline_and_an_older_one_keeps_its_own()
    {
        await using var harness = await Harness.CreateAsync();
        var older = await harness.StartAsync("NB");
        await harness.Driver.SettleAsync();
        var source = await DefinitionOfAsync(harness, older);
        var target = await PublishAsync(harness, LaterDeadline);
        harness.Clock.Advance(Duration.FromDays(1));
        var newer = await harness.StartAsync("BI");
        await harness.Driver.SettleAsync();
        var olderDeadline = (await TimersAsync(harness, older)).Single(t => t.NodeId == "Vence");
        var newerDeadline = (await TimersAsync(harness, newer)).Single(t => t.NodeId == "Vence");
        Assert.Multiple(async () =>
        {
            Assert.That(await DefinitionOfAsync(harness, older), Is.EqualTo(source), "publishing does not move a running instance");
            Assert.That(await DefinitionOfAsync(harness, newer), Is.EqualTo(target.Id));
            Assert.That((olderDeadline.Rule, olderDeadline.DueAt), Is.EqualTo(("P30D", Harness.Start + Duration.FromDays(30))));
            Assert.That((newerDeadline.Rule, newerDeadline.DueAt), Is.EqualTo(("P45D", DaysAfterStart(45, startDay: 1))));
            Assert.That((await harness.Runtime.Migrations.RunningOnAsync(source)).Select(i => i.CorrelationKey), Is.EqualTo(new[] { "NB/2027" }));
        });
    }
}
