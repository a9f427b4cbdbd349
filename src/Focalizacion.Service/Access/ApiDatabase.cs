using Focalizacion.Access;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Documents.Persistence;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Service.Access;

/// <summary>
/// The database as the role that serves users sees it (<c>FOCALIZACION_DB_API</c>): it owns no
/// table, cannot bypass row-level security, and reads each request's data in one read-only
/// transaction scoped to the caller's regions (<see cref="ReadAsync{T}"/>), and writes the few rows
/// it may write in one read-write transaction scoped the same (<see cref="WriteAsync{T}"/>). Writes that step the
/// engine (events, incidents, definitions, templates, the directory) go through the engine's
/// runtime after the policy layer allowed them, stamped with the caller as actor.
/// </summary>
/// <param name="Store">The API role's store.</param>
/// <param name="Runtime">The cycle's runtime over that store, never started: its readers (standings, definitions) run inside a scoped reading.</param>
/// <param name="Clock">The service's clock (token expiry, lockout).</param>
internal sealed record ApiDatabase(Store Store, EngineRuntime Runtime, IClock Clock)
{
    public UserStore Users { get; } = new(Store, Clock);

    public AccessTokens Tokens { get; } = new(Store, Clock);

    public AccessJournal Journal { get; } = new(Store, Clock);

    /// <summary>The archive as this role sees it: a region's documents, stored under its policies.</summary>
    public DocumentArchive Archive { get; } = new(Store, Clock);

    /// <summary>The focalizaciones submitted, as this role sees and stores them.</summary>
    public FocalizacionVersions Focalizaciones { get; } = new(Store, Clock);

    /// <summary>The GOREs' drafts of the web form, as this role sees and writes them.</summary>
    public FocalizacionDrafts Borradores { get; } = new(Store, Clock);

    /// <summary>Runs <paramref name="body"/> seeing only what <paramref name="caller"/> may see.</summary>
    public Task<T> ReadAsync<T>(User caller, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        Store.ReadAsync(caller.Scope, body, cancellationToken);

    /// <summary>As <see cref="ReadAsync{T}"/>, for a body whose first statement is a batch, which carries the scope (<see cref="Store.ReadBatchFirstAsync{T}"/>).</summary>
    public Task<T> ReadBatchFirstAsync<T>(User caller, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        Store.ReadBatchFirstAsync(caller.Scope, body, cancellationToken);

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction that sees and may write only what
    /// <paramref name="caller"/> may (row-level security, WITH CHECK), committed when it returns:
    /// the writes of the API's role itself (documents, an oficio's DocDigital fields).
    /// </summary>
    public Task<T> WriteAsync<T>(User caller, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        Store.WriteAsync(caller.Scope, body, cancellationToken);
}
