namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// The tables' owner (<c>FOCALIZACION_DB</c>) as a host's start-up uses it: it applies the migrations
/// (Hangfire's tables included) and then grants the roles that work on the tables what each module
/// says they may do. Nothing else runs on it: the service's engine, handlers and Hangfire run as
/// the role of <paramref name="motorRole"/>, its users are served as <paramref name="apiRole"/>.
/// </summary>
/// <param name="store">The owner's store.</param>
/// <param name="motorRole">The running service's role, granted <see cref="MigrationSet.MotorGrants"/>; null where the engine runs as the owner itself (the CLI's worker, tests).</param>
/// <param name="apiRole">The role that serves users, granted <see cref="MigrationSet.ApiGrants"/>; null where there is none.</param>
public sealed class SchemaOwner(Store store, string? motorRole = null, string? apiRole = null)
{
    public Store Store { get; } = store;

    /// <summary>Applies the pending migrations of <paramref name="schema"/>, then grants the roles, under the migrations' lock; returns the names of the migrations applied. Idempotent.</summary>
    public Task<IReadOnlyList<string>> PrepareAsync(IReadOnlyList<MigrationSet> schema, CancellationToken cancellationToken = default)
    {
        var grants = new List<(string Role, Func<MigrationSet, string?> Functions)>();
        if (motorRole is not null)
        {
            grants.Add((motorRole, s => s.MotorGrants));
        }
        if (apiRole is not null)
        {
            grants.Add((apiRole, s => s.ApiGrants));
        }
        return Migrator.ApplyAsync(Store.DataSource, schema, grants, cancellationToken);
    }
}
