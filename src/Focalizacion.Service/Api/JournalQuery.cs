using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
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
/// journal, region and budget year; the web's journal also by free text (<c>texto</c>, in the
/// details, activity and event) and backwards (<c>despuesDe</c>: the newer page). Read inside the caller's scoped reading: row-level security
/// leaves out what the caller may not see.
/// </summary>
internal sealed record JournalQuery(string? Tipo, string? Actor, LocalDate? Desde, LocalDate? Hasta, long? AntesDe, int Limite, Region? Region, int? Anio)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The longest free text searched for.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Free text the line's details, activity or event contain (case-insensitive).</summary>
    public string? Texto { get; init; }

    /// <summary>The newer page: lines after this id (the first line of the page being left).</summary>
    public long? DespuesDe { get; init; }

    /// <summary>Dates are days in continental Chile unless the region says otherwise.</summary>
    public static readonly DateTimeZone DefaultZone = DateTimeZoneProviders.Tzdb["America/Santiago"];

    /// <summary>The query from the request's filters, or the 400 naming the one at fault.</summary>
    public static (JournalQuery? Query, ProblemHttpResult? Problem) From(
        string? tipo, string? actor, string? desde, string? hasta, long? antesDe, int? limite, Region? region, int? anio, string? texto = null, long? despuesDe = null)
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
        if (despuesDe is < 1)
        {
            return (null, ApiProblems.BadRequest("despuesDe", "debe ser el primer id de una página posterior"));
        }
        if ((tipo?.Length ?? 0) > 100 || (actor?.Length ?? 0) > 300)
        {
            return (null, ApiProblems.BadRequest(tipo?.Length > 100 ? "tipo" : "actor", "es demasiado largo"));
        }
        if (texto?.Length > MaxTextLength)
        {
            return (null, ApiProblems.BadRequest("texto", $"es demasiado largo (hasta {MaxTextLength} caracteres)"));
        }
        return (new JournalQuery(tipo, actor, from, to, antesDe, limite ?? DefaultLimit, region, anio) { Texto = texto, DespuesDe = despuesDe }, null);
    }

    /// <summary>One page, newest first: the lines and the cursors of the older page (null on the last) and of the newer one.</summary>
    public async Task<JournalPage> ReadAsync(Store store, CancellationToken cancellationToken)
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
        const string CycleInstances = "SELECT i.id FROM workflow_instances i JOIN workflow_definitions d ON d.id = i.definition_id WHERE d.process_key = ";
        if (Region is not null && Anio is { } cycleYear)
        {
            // One region's cycle of one year: its instances by their exact key, whose lines the
            // (instance_id, id) index gives in order (the region's lines of every year are not read).
            sql.Append(CultureInfo.InvariantCulture,
                $" AND j.instance_id IN ({CycleInstances}{Next(ShippedWorkflow.ProcessKey)} AND i.correlation_key = {Next(Cycle.Plan.CycleKey.For(Region, cycleYear))})");
        }
        else if (Region is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.region = {Next(Region.IsoSuffix)}");
        }
        else if (Anio is { } year)
        {
            // The cycle's instances of that budget year (its correlation key ends in the year).
            sql.Append(CultureInfo.InvariantCulture,
                $" AND j.instance_id IN ({CycleInstances}{Next(ShippedWorkflow.ProcessKey)} AND split_part(i.correlation_key, '/', 2) = {Next(year.ToString(CultureInfo.InvariantCulture))})");
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
        if (Texto is { Length: > 0 } text)
        {
            var pattern = Next("%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
            sql.Append(CultureInfo.InvariantCulture, $" AND (j.details ILIKE {pattern} OR j.activity ILIKE {pattern} OR j.event ILIKE {pattern})");
        }
        if (AntesDe is { } before)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.id < {Next(before)}");
        }
        // Backwards from a cursor the lines are read oldest first, then turned round.
        var newer = DespuesDe is not null && AntesDe is null;
        if (newer)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND j.id > {Next(DespuesDe!.Value)}");
        }
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY j.id {(newer ? "ASC" : "DESC")} LIMIT {Next(Limite + 1)}");
        await using var command = store.CreateCommand(sql.ToString());
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var lines = new List<JournalLine>();
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (lines.Count == Limite)
            {
                more = true;
                break;
            }
            lines.Add(Line(reader, zone));
        }
        if (newer)
        {
            lines.Reverse();
            // Came from an older page: there are older lines; newer ones if more were left.
            return new JournalPage(lines, lines.Count > 0 ? lines[^1].Id : DespuesDe + 1) { Anterior = more ? lines[0].Id : null };
        }
        return new JournalPage(lines, more ? lines[^1].Id : null) { Anterior = AntesDe is not null && lines.Count > 0 ? lines[0].Id : null };
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
            r.GetString(10), Text(11), Text(12), r.GetString(13))
        { At = r.GetFieldValue<Instant>(3).InZone(zone) };
    }

    /// <summary>Who acted: name, channel (<c>via</c>), role and region when a user, and the client address over HTTP.</summary>
    public sealed record JournalActor(string Nombre, string? Via, string? Rol, string? Region, string? Direccion);

    /// <summary>One journal line as the API shows it, in the region's local time.</summary>
    public sealed record JournalLine(long Id, Guid? Instancia, string? Region, string En, string Registrado, JournalActor Actor, string Tipo, string? Actividad, string? Evento, string Detalle)
    {
        /// <summary>When, in the line's region's zone (mainland Chile's when it has none), for the pages.</summary>
        [JsonIgnore]
        public ZonedDateTime At { get; init; }
    }

    /// <summary>A page of lines, newest first; <c>siguiente</c> is the older page's cursor (<c>antesDe</c>).</summary>
    public sealed record JournalPage(IReadOnlyList<JournalLine> Lineas, long? Siguiente)
    {
        /// <summary>The newer page's cursor (<c>despuesDe</c>), when the page is not the newest; for the pages.</summary>
        [JsonIgnore]
        public long? Anterior { get; init; }
    }
}
