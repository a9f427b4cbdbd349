using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Access;

/// <summary>What happens to access, as journal lines of no instance (the journal is append-only for every role).</summary>
public enum AccessEvent
{
    SessionStarted,
    LoginRefused,
    SessionEnded,
    TokenCreated,
    TokenRevoked,
    UserCreated,
    UserDeactivated,
}

/// <summary>
/// Writes access events to the journal with the authenticated actor (or, for a refused login,
/// the e-mail that was tried), so that an audit sees who logged in, from where, and who created
/// or revoked what. The role that serves users may append such lines (of no instance) and nothing else.
/// </summary>
public sealed class AccessJournal(Store store, IClock clock)
{
    /// <summary>The longest text of someone else's a line repeats (a tried e-mail).</summary>
    private const int MaxQuoted = 254;

    public static string Text(AccessEvent kind) => kind switch
    {
        AccessEvent.SessionStarted => "sesion-iniciada",
        AccessEvent.LoginRefused => "ingreso-rechazado",
        AccessEvent.SessionEnded => "sesion-cerrada",
        AccessEvent.TokenCreated => "token-creado",
        AccessEvent.TokenRevoked => "token-revocado",
        AccessEvent.UserCreated => "usuario-creado",
        AccessEvent.UserDeactivated => "usuario-desactivado",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async Task RecordAsync(Actor actor, AccessEvent kind, string details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var command = store.DataSource.CreateCommand(
            "INSERT INTO journal (at, actor, via, actor_role, actor_region, client_address, kind, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        command.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new() { Value = actor.Name.Length > MaxQuoted ? actor.Name[..MaxQuoted] : actor.Name });
        command.Parameters.Add(new() { Value = actor.ViaText });
        command.Parameters.Add(new() { Value = (object?)actor.Role ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)actor.Region ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)actor.Address ?? DBNull.Value });
        command.Parameters.Add(new() { Value = Text(kind) });
        command.Parameters.Add(new() { Value = details });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
