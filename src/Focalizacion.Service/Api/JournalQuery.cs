using System.Globalization;
using System.Text;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;

namespace Focalizacion.Service.Api;

/// <summary>
/// The journal as the API reads it: newest first, keyset-paged by line id (<c>antesDe</c>: the
/// <c>siguiente</c> of the previous page), filtered by kind, actor, dates and, for the whole
/// journal, region and budget year. Read inside the caller's scoped reading: row-level security
/// leaves out what the caller may not see.
/// </summary>
internal sealed record JournalQuery(string? Tipo, string? Actor, LocalDate? Desde, LocalDate? Hasta, long? AntesDe, int Limite, Region? Region, int? Anio)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Dates are days in continental Chile unless the region says otherwise.</summary>
    private static readonly DateTimeZone DefaultZone = DateTimeZoneProviders.Tzdb["America/Santiago"];

    /// <summary>The query from the request's filters, or the 400 naming the one at fault.</summary>
    public static (JournalQuery? Query, ProblemHttpResult? Problem) From(string? tipo, string? actor, string? desde, string? hasta, long? antesDe, int? limite, Region? region, int? anio)
    {
        var (from, badFrom) = ApiArguments.Date(desde, "desde");
        var (to, badTo) = ApiArguments.Date(hasta, "hasta");
        if ((badFrom ?? badTo) is { } bad)
        {
            return (null, bad);
        }
        if (from is { } f && to is { } t && t < f)
        {
            return (null, ApiProblems.BadRequest("hasta", "es anterior a «desde»"));
        }
        if (limite is < 1 or > MaxLimit)
        {
            return (null, ApiProblems.BadRequest("limite", $"debe estar entre 1 y {MaxLimit}"));
        }
        if (antesDe is < 1)
        {
            return (null, ApiProblems.BadRequest("antesDe", "debe ser el «siguiente» de una página anterior"));
        }
        if ((tipo?.Length ?? 0) > 100 || (actor?.Length ?? 0) > 300)
        {
            return (null, ApiProblems.BadRequest(tipo?.Length > 100 ? "tipo" : "actor", "es demasiado largo"));
        }
        return (new JournalQuery(tipo, actor, from, to, antesDe, limite ?? DefaultLimit, region, anio), null);
    }

    /// <summary>One page: the lines and the cursor of the next page (null on the last).</summary>
    public async Task<object> ReadAsync(Store store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var zone = Region?.Zone ?? DefaultZone;
        var sql = new StringBuilder(
            "SELECT j.id, j.instance_id, j.region, j.at, j.recorded_at, j.actor, j.via, j.actor_role, j.actor_region, j.client_address, " +
            "j.kind, j.activity, j.event, j.details FROM journal j WHERE true");
        var parameters = new List<object>();
        string Next(object value)
        {
            parameters.Add(value);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }
        if (Region is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.region = {Next(Region.IsoSuffix)}");
        }
        if (Anio is { } year)
        {
            // The cycle's instances of that budget year (its correlation key ends in the year).
            sql.Append(CultureInfo.InvariantCulture,
                $" AND j.instance_id IN (SELECT i.id FROM workflow_instances i JOIN workflow_definitions d ON d.id = i.definition_id WHERE d.process_key = {Next(ShippedWorkflow.ProcessKey)} AND split_part(i.correlation_key, '/', 2) = {Next(year.ToString(CultureInfo.InvariantCulture))})");
        }
        if (Tipo is { Length: > 0 })
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.kind = {Next(Tipo)}");
        }
        if (Actor is { Length: > 0 })
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.actor = {Next(Actor)}");
        }
        if (Desde is { } from)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.at >= {Next(from.AtStartOfDayInZone(zone).ToInstant())}");
        }
        if (Hasta is { } to)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.at < {Next(to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant())}");
        }
        if (AntesDe is { } before)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.id < {Next(before)}");
        }
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY j.id DESC LIMIT {Next(Limite + 1)}");
        await using var command = store.CreateCommand(sql.ToString());
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var lines = new List<JournalLine>();
        long? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (lines.Count == Limite)
            {
                next = lines[^1].Id;
                break;
            }
            lines.Add(Line(reader, zone));
        }
        return new { lineas = lines, siguiente = next };
    }

    private static JournalLine Line(NpgsqlDataReader r, DateTimeZone fallback)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var region = Text(2);
        var zone = region is not null && RegionRegistry.Find(region) is { } found ? found.Zone : fallback;
        return new JournalLine(
            r.GetInt64(0), r.IsDBNull(1) ? null : r.GetGuid(1), region,
            CycleJson.Instant(r.GetFieldValue<Instant>(3).InZone(zone)), CycleJson.Instant(r.GetFieldValue<Instant>(4).InZone(zone)),
            new JournalActor(r.GetString(5), Text(6), Text(7), Text(8), Text(9)),
            r.GetString(10), Text(11), Text(12), r.GetString(13));
    }

    /// <summary>Who acted: name, channel (<c>via</c>), role and region when a user, and the client address over HTTP.</summary>
    public sealed record JournalActor(string Nombre, string? Via, string? Rol, string? Region, string? Direccion);

    /// <summary>One journal line as the API shows it, in the region's local time.</summary>
    public sealed record JournalLine(long Id, Guid? Instancia, string? Region, string En, string Registrado, JournalActor Actor, string Tipo, string? Actividad, string? Evento, string Detalle);
}
