using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Composition;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Testing;

/// <summary>
/// The module the engine's own tests run it with: the test handler <c>registrar</c> plus any
/// others, and instance calendars read from the variables <c>region</c> and
/// <c>anioPresupuestario</c> as the test fixtures write them.
/// </summary>
public static class TestModule
{
    /// <summary>The test module's table: <c>effect_ledger</c>, what <see cref="RegistrarHandler"/> did.</summary>
    public static MigrationSet Schema { get; } = new("prueba", typeof(TestModule).Assembly);

    public static EngineModule Create(Store store, IClock clock, IEnumerable<IEffectHandler>? handlers = null) =>
        new([new RegistrarHandler(store, clock), .. handlers ?? []], Calendars.Instance, [Schema]);

    /// <summary>Fixture variables to calendars, with the rules-only holiday calendar.</summary>
    public sealed class Calendars : IInstanceCalendars
    {
        public static Calendars Instance { get; } = new();

        public InstanceCalendar For(JsonObject variables)
        {
            var region = variables["region"] is JsonValue r && r.TryGetValue<string>(out var code) ? RegionRegistry.Find(code) : null;
            int? year = variables["anioPresupuestario"] is JsonValue y && y.TryGetValue<int>(out var number) ? number : null;
            return region is not null && year is >= HolidayCalendar.FirstYear and <= HolidayCalendar.LastYear
                ? InstanceCalendar.For(HolidayCalendar.RulesOnly.BusinessDays(region), year.Value)
                : InstanceCalendar.ZoneOnly(region?.Zone ?? ChileanTime.Mainland, "la instancia de prueba no tiene región y año válidos");
        }
    }
}
