using System.Text.Json.Nodes;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Handlers;

public sealed class OutcomeHandlersTests
{
    private static readonly Instant Dec31 = Instant.FromUtc(2026, 12, 31, 12, 0);

    [Test]
    public async Task Registrar_resultado_records_once_per_key()
    {
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings(), Dec31);
        var handler = fixture.Handler("registrar-resultado");
        var settings = new Dictionary<string, string> { ["resultado"] = CycleOutcomes.Previous };

        var outputs = await handler.HandleAsync(CycleFixture.Request("f1", settings), CancellationToken.None);
        await handler.HandleAsync(CycleFixture.Request("f1", settings, attempt: 2), CancellationToken.None);

        Assert.That(outputs?.ToJsonString(), Is.EqualTo("""{"resultado":"focalizacion-anterior"}"""));
        var outcome = (await fixture.Records.OutcomesAsync("NB")).Single();
        Assert.That((outcome.BudgetYear, outcome.Outcome, outcome.Origin, outcome.IdempotencyKey, outcome.RecordedAt), Is.EqualTo((2027, "focalizacion-anterior", "flujo", (string?)"f1", Dec31)));
    }

    [Test]
    public void Registrar_resultado_rejects_an_unknown_outcome()
    {
        var error = Assert.ThrowsAsync<CycleException>(async () =>
        {
            await using var fixture = await CycleFixture.CreateAsync(new MailSettings(), Dec31);
            await fixture.Handler("registrar-resultado").HandleAsync(
                CycleFixture.Request("f1", new Dictionary<string, string> { ["resultado"] = "aprobada" }), CancellationToken.None);
        });
        Assert.That(error!.Message, Does.StartWith("Resultado de focalización desconocido «aprobada»"));
    }

    [TestCase(null, 2026, false)]                        // nothing recorded: Sercotec's own definitions
    [TestCase("focalizacion-final", 2026, true)]         // last year's final applies
    [TestCase("focalizacion-anterior", 2026, true)]      // last year itself carried an older one over: still a focalización
    [TestCase("definicion-sercotec", 2026, false)]       // last year Sercotec decided alone: nothing of the GORE's to apply
    [TestCase("focalizacion-final", 2025, false)]        // two years back is not "the year immediately before"
    [TestCase("focalizacion-final", 2027, false)]        // this year's own row does not count as the previous one
    public async Task Buscar_focalizacion_anterior_looks_at_the_previous_budget_year_only(string? previous, int year, bool expected)
    {
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings(), Dec31);
        if (previous is not null)
        {
            await fixture.Records.RecordOutcomeAsync("NB", year, previous, Dec31.Minus(Duration.FromDays(365)), "semilla");
        }
        // Another region's final must not leak into Ñuble's answer.
        await fixture.Records.RecordOutcomeAsync("BI", 2026, CycleOutcomes.Final, Dec31, "semilla");

        var outputs = await fixture.Handler("buscar-focalizacion-anterior").HandleAsync(
            CycleFixture.Request("b1", new Dictionary<string, string>(), new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 }), CancellationToken.None);

        Assert.That(outputs?["tieneFocalizacionAnterior"]?.GetValue<bool>(), Is.EqualTo(expected));
    }
}
