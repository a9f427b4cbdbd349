namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// What a throwaway database's template holds beyond its migrations (the simulation's: the cycle
/// prepared, its directory seeded and its workflow published), applied once when the template is
/// built, so that every copy starts with it instead of doing it again.
/// </summary>
/// <param name="Identity">
/// Text that changes whenever what <paramref name="ApplyAsync"/> writes changes (a hash of the files
/// it loads): it goes into the template's name with the migrations', so a changed seed is a new template.
/// </param>
/// <param name="ApplyAsync">Writes the seed into the freshly migrated template.</param>
public sealed record TemplateSeed(string Identity, Func<Store, CancellationToken, Task> ApplyAsync);
