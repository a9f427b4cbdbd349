using Focalizacion.Access;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Disenador;

/// <summary>
/// Migrating the instances of one version to the current one (<c>/disenador/migrar/{id}</c>): the dry
/// run's table (where each waits, whether the current version has those nodes, the timers that would
/// move), then the migration of the chosen instances, journaled in the administrator's name, as
/// <c>POST /api/v1/definiciones/{id}/migraciones</c> does.
/// </summary>
[Authorize(Policy = nameof(Capability.AdministrarDefiniciones))]
internal sealed class MigrarModel(EngineRuntime engine) : PageModel
{
    public DefinitionRow Source { get; private set; } = null!;

    public DefinitionRow? Target { get; private set; }

    /// <summary>Why nothing can be migrated to <see cref="Target"/> (none newer, another process…).</summary>
    public string? TargetProblem { get; private set; }

    public IReadOnlyList<MigrationOutcome> Outcomes { get; private set; } = [];

    /// <summary>Whether <see cref="Outcomes"/> are what was done (after the POST), not a dry run.</summary>
    public bool Migrated { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Target is { } target && TargetProblem is null)
        {
            var running = await engine.Migrations.RunningOnAsync(id, HttpContext.RequestAborted);
            Outcomes = await VersionesApi.MigrateAllAsync(engine, id, target, running.Select(r => r.Id), dryRun: true, Caller.Actor(HttpContext), HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, Guid[] instancias)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Target is { } target && TargetProblem is null)
        {
            Outcomes = await VersionesApi.MigrateAllAsync(engine, id, target, instancias.Distinct(), dryRun: false, Caller.Actor(HttpContext), HttpContext.RequestAborted);
            Migrated = true;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await engine.Definitions.FindAsync(id, HttpContext.RequestAborted) is not { } source)
        {
            return false;
        }
        Source = source;
        Target = await VersionesApi.CurrentAsync(engine.Definitions, source.ProcessKey, HttpContext.RequestAborted);
        TargetProblem = Target is null
            ? $"«{source.ProcessKey}» no tiene una versión publicada."
            : InstanceMigrations.TargetProblem(source, Target);
        return true;
    }
}
