using System.Net;
using Focalizacion.Service.Hosting;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// The simulations' warm-up after the service starts (<see cref="SimulationWarmUpService"/>, off in the
/// other tests): it simulates only in throwaway databases and logs no warning, and a user's simulation
/// asked for meanwhile is answered, not refused as a second simulation.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SimulationWarmUpTests
{
    private static readonly Dictionary<string, string> WarmUpOn = new() { [ServiceSettings.SimulationWarmUpVariable] = "si" };

    [Test]
    public void The_warm_up_simulates_every_region_acting_and_idle_as_users_scenarios_do()
    {
        // The JIT recompiles what is hot only after enough calls: two regions left a user's sixteen on the first, slow code.
        var scenario = Focalizacion.Cycle.Simulation.SimulationWarmUp.Scenario(2027);
        var acting = scenario.Events.Select(e => e.Region.IsoSuffix).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Regions, Is.EquivalentTo(Focalizacion.Calendar.Regions.RegionRegistry.All));
            Assert.That(acting, Has.Count.EqualTo(8), "half act on time");
            Assert.That(scenario.WithPreviousFocalizacion.Count(r => acting.Contains(r.IsoSuffix)), Is.EqualTo(4), "half of the acting ones with a previous focalización");
            Assert.That(scenario.WithPreviousFocalizacion.Count(r => !acting.Contains(r.IsoSuffix)), Is.EqualTo(4), "and half of the idle ones");
        });
    }

    [Test]
    public async Task The_warm_up_runs_after_start_without_touching_the_live_data()
    {
        await using var api = await AdminApiService.StartAsync(AdminApiService.Start, WarmUpOn);
        Assert.That(await api.Service.WaitForOutputAsync("Simulations warmed up"), Is.True, api.Service.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(await api.Database.ScalarAsync("SELECT count(*) FROM journal WHERE via = 'simulacion'"), Is.Zero, "no simulated step reaches the live journal");
            Assert.That(await api.Database.ScalarAsync("SELECT count(*) FROM journal WHERE at >= '2026-12-01'"), Is.Zero,
                "the warm-up's year in virtual time runs in a throwaway database: the live journal has nothing after the service's clock");
            Assert.That(api.Service.Output, Does.Not.Contain("warn: Focalizacion.Service.Hosting.SimulationWarmUpService").And.Not.Contain("Simulation warm-up failed"));
        });
    }

    [Test]
    public async Task A_simulation_asked_for_during_the_warm_up_stops_it_and_gets_its_timeline()
    {
        await using var api = await AdminApiService.StartAsync(AdminApiService.Start, WarmUpOn);
        // Right after readiness: the warm-up has just started (it waits for the engine's start-up, then takes seconds).
        using var first = await api.PostAsync("/api/v1/simulaciones", AdminApiService.Central, SimulacionesApiTests.Scenario);
        var during = (await AdminApiService.ReadAsync(first, HttpStatusCode.OK)).GetRawText();
        using var second = await api.PostAsync("/api/v1/simulaciones", AdminApiService.Central, SimulacionesApiTests.Scenario);
        var after = (await AdminApiService.ReadAsync(second, HttpStatusCode.OK)).GetRawText();
        // The warm-up is stopped by the first (or, on a machine fast enough, had finished before it): either way it logs which, once.
        var stopped = api.Service.Output.Contains("Simulation warm-up stopped: a user's simulation runs instead", StringComparison.Ordinal);
        var finished = api.Service.Output.Contains("Simulations warmed up", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(during, Is.EqualTo(after), "the warm-up's interruption changes nothing in the user's simulation");
            Assert.That(stopped ^ finished, Is.True, api.Service.Output);
            Assert.That(api.Service.Output, Does.Not.Contain("warn: Focalizacion.Service.Hosting.SimulationWarmUpService"));
        });
    }
}
