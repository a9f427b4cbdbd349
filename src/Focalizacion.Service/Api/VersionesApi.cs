using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// A version's live side, under <c>/api/v1/definiciones/{id}</c>: the instances running it, what
/// changes from another version, the explicit migration of its instances to a newer version (a dry
/// run by default), and its map of waiting instances and passed flows (the heatmap).
/// </summary>
internal static class VersionesApi
{
    /// <summary>The most instances one migration request names.</summary>
    public const int MaxInstances = 500;

    public static void Map(RouteGroupBuilder definiciones)
    {
        definiciones.MapGet("/{id:long}/instancias", InstancesAsync).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Las instancias en curso de esta versión: región, año presupuestario y dónde espera cada una");
        definiciones.MapGet("/{id:long}/comparacion", CompareAsync).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Qué cambia de la definición «con» (por omisión, la versión publicada vigente de su proceso) a esta: elementos agregados, quitados y cada ajuste que cambia");
        definiciones.MapPost("/{id:long}/migraciones", MigrateAsync).Requiring(Capability.AdministrarDefiniciones).Takes<MigracionRequest>()
            .WithSummary($"Migra instancias de esta versión a una más nueva del mismo proceso (destino; por omisión la publicada más nueva): las nombradas o las de un año presupuestario, hasta {MaxInstances}. Por omisión es un ensayo que no cambia nada; con \"ensayo\": false migra y lo anota en el diario. Una instancia que espera en un nodo que el destino no tiene se rechaza");
        definiciones.MapGet("/{id:long}/mapa", MapAsync).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Por nodo, cuántas instancias de esta versión esperan ahí (con sus regiones), y por flujo cuántas pasaron por él; de un año presupuestario o de todos");
    }

    /// <summary>The body of <c>POST /definiciones/{id}/migraciones</c>.</summary>
    /// <param name="Instancias">The instances to migrate (ids), or…</param>
    /// <param name="Anio">…every instance of this version for that budget year.</param>
    /// <param name="Destino">The definition id to migrate to; by default the newest published version of the process.</param>
    /// <param name="Ensayo">A dry run (the default): says what would happen, changes nothing.</param>
    internal sealed record MigracionRequest(Guid[]? Instancias, int? Anio, long? Destino, bool? Ensayo);

    private static async Task<IResult> InstancesAsync(long id, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        var (row, running) = await database.ReadAsync(caller, async () =>
        {
            var found = await database.Runtime.Definitions.FindAsync(id, context.RequestAborted);
            return (found, found is null ? [] : await database.Runtime.Migrations.RunningOnAsync(id, context.RequestAborted));
        }, context.RequestAborted);
        return row is null
            ? NotFound(id)
            : TypedResults.Ok(new { definicion = AdministrationJson.Definition(row), instancias = running.Select(Instance) });
    }

    private static async Task<IResult> CompareAsync(long id, long? con, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        var answer = await database.ReadAsync(caller, async () =>
        {
            var definitions = database.Runtime.Definitions;
            if (await definitions.FindAsync(id, context.RequestAborted) is not { } row)
            {
                return (IResult)NotFound(id);
            }
            var other = con is { } otherId ? await definitions.FindAsync(otherId, context.RequestAborted) : await CurrentAsync(definitions, row.ProcessKey, context.RequestAborted);
            if (other is null)
            {
                return con is { } missing
                    ? ApiProblems.NotFound($"con: no existe la definición {missing}")
                    : ApiProblems.Conflict($"«{row.ProcessKey}» no tiene una versión publicada con que comparar");
            }
            var diff = DefinitionDiff.Between(await definitions.ParsedAsync(other.Id, context.RequestAborted), await definitions.ParsedAsync(row.Id, context.RequestAborted));
            var running = other.Status == DefinitionStatus.Draft ? 0 : (await database.Runtime.Migrations.RunningOnAsync(other.Id, context.RequestAborted)).Count;
            return TypedResults.Ok(new
            {
                antes = AdministrationJson.Definition(other),
                despues = AdministrationJson.Definition(row),
                instanciasEnCursoAntes = running,
                agregados = diff.Added,
                quitados = diff.Removed,
                cambios = diff.Changed.Select(c => new { elemento = c.ElementId, ajuste = c.Setting, antes = c.Before, despues = c.After }),
            });
        }, context.RequestAborted);
        return answer;
    }

    private static async Task<IResult> MigrateAsync(long id, HttpContext context, EngineRuntime engine)
    {
        var definitions = engine.Definitions;
        if (await definitions.FindAsync(id, context.RequestAborted) is not { } source)
        {
            return NotFound(id);
        }
        var (request, problem) = await ApiJson.ReadAsync<MigracionRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }
        if ((request!.Instancias is null) == (request.Anio is null))
        {
            return ApiProblems.BadRequest("instancias", "indique las instancias a migrar (instancias) o un año presupuestario (anio), uno de los dos");
        }
        if (request.Instancias is { Length: > MaxInstances } or { Length: 0 })
        {
            return ApiProblems.BadRequest("instancias", $"indique entre 1 y {MaxInstances} instancias");
        }
        if (ApiArguments.FilterBudgetYear(request.Anio) is { } badYear)
        {
            return badYear;
        }
        var target = request.Destino is { } targetId ? await definitions.FindAsync(targetId, context.RequestAborted) : await CurrentAsync(definitions, source.ProcessKey, context.RequestAborted);
        if (target is null)
        {
            return request.Destino is { } missing
                ? ApiProblems.BadRequest("destino", $"no existe la definición {missing}")
                : ApiProblems.Conflict($"destino: «{source.ProcessKey}» no tiene una versión publicada");
        }
        if (InstanceMigrations.TargetProblem(source, target) is { } refused)
        {
            return ApiProblems.Conflict(refused);
        }
        var ids = request.Instancias is { } named
            ? named.Distinct().ToList()
            : [.. (await engine.Migrations.RunningOnAsync(id, context.RequestAborted)).Where(i => CycleKey.Parse(i.CorrelationKey)?.BudgetYear == request.Anio).Take(MaxInstances).Select(i => i.Id)];
        var dryRun = request.Ensayo ?? true;
        var outcomes = await MigrateAllAsync(engine, id, target, ids, dryRun, Caller.Actor(context), context.RequestAborted);
        return TypedResults.Ok(new
        {
            origen = AdministrationJson.Definition(source),
            destino = AdministrationJson.Definition(target),
            ensayo = dryRun,
            instancias = outcomes.Select(o => new
            {
                id = o.InstanceId,
                region = Place(o.CorrelationKey)?.Region,
                nombreRegion = Place(o.CorrelationKey)?.Name,
                anio = Place(o.CorrelationKey)?.Year,
                esperas = o.Waiting.Select(w => new { nodo = w.NodeId, nombre = w.Label, que = w.What, enDestino = w.InTarget, motivo = w.Problem }),
                cambios = o.Changes,
                resultado = o.Refusal is not null ? "rechazada" : o.Migrated ? "migrada" : "se migraría",
                motivo = o.Refusal,
            }),
        });
    }

    private static async Task<IResult> MapAsync(long id, int? anio, HttpContext context, ApiDatabase database)
    {
        if (ApiArguments.FilterBudgetYear(anio) is { } badYear)
        {
            return badYear;
        }
        var caller = Caller.Of(context);
        var (row, map) = await database.ReadAsync(caller, async () =>
        {
            var found = await database.Runtime.Definitions.FindAsync(id, context.RequestAborted);
            return (found, found is null ? null : await database.Runtime.Maps.MapAsync(id, key => anio is null || CycleKey.Parse(key)?.BudgetYear == anio, context.RequestAborted));
        }, context.RequestAborted);
        if (row is null || map is null)
        {
            return NotFound(id);
        }
        return TypedResults.Ok(new
        {
            definicion = AdministrationJson.Definition(row),
            anio,
            instancias = map.Instances,
            nodos = map.Waiting.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new
            {
                nodo = w.Key,
                esperan = w.Value.Count,
                regiones = w.Value.Select(Place).Where(p => p is not null).Select(p => new { codigo = p!.Region, nombre = p.Name, anio = p.Year }),
            }),
            flujos = map.Passed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new { flujo = p.Key, pasaron = p.Value }),
        });
    }

    /// <summary>Migrates (or with <paramref name="dryRun"/> only plans) each instance in turn, each in its own transaction.</summary>
    public static async Task<IReadOnlyList<MigrationOutcome>> MigrateAllAsync(
        EngineRuntime engine, long sourceId, DefinitionRow target, IEnumerable<Guid> ids, bool dryRun, Actor actor, CancellationToken cancellationToken)
    {
        var outcomes = new List<MigrationOutcome>();
        foreach (var instance in ids.Take(MaxInstances))
        {
            outcomes.Add(await engine.Migrations.MigrateAsync(instance, sourceId, target, dryRun, actor, cancellationToken));
        }
        return outcomes;
    }

    /// <summary>The newest published version of a process: the one new instances start on.</summary>
    public static async Task<DefinitionRow?> CurrentAsync(DefinitionStore definitions, string processKey, CancellationToken cancellationToken) =>
        (await definitions.ListAsync(cancellationToken)).Where(d => d.ProcessKey == processKey && d.Status == DefinitionStatus.Published).MaxBy(d => d.Version);

    private static object Instance(RunningInstance i) => new
    {
        id = i.Id,
        region = Place(i.CorrelationKey)?.Region,
        nombreRegion = Place(i.CorrelationKey)?.Name,
        anio = Place(i.CorrelationKey)?.Year,
        estado = i.Status == nameof(InstanceStatus.Suspended) ? "suspendida" : "en curso",
        esperas = i.Waiting.Select(w => new { nodo = w.NodeId, nombre = w.Label, que = w.What }),
    };

    /// <summary>A cycle instance's region (code and name) and budget year, from its correlation key; null for another process's.</summary>
    public static CyclePlace? Place(string? key) =>
        CycleKey.Parse(key) is { } parts ? new CyclePlace(parts.Region, RegionRegistry.Find(parts.Region)?.Name ?? parts.Region, parts.BudgetYear) : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(long id) => ApiProblems.NotFound($"id: no existe la definición {id}");
}

/// <summary>Where a cycle instance belongs: its region's code and name, and its budget year.</summary>
internal sealed record CyclePlace(string Region, string Name, int Year)
{
    /// <summary>Its cycle page (<c>/ciclos/2027/NB</c>).</summary>
    public string Page => $"/ciclos/{Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Region}";
}
