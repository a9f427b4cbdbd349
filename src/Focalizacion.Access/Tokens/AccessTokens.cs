using System.Security.Cryptography;
using System.Text;
using Focalizacion.Access.Users;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Access.Tokens;

/// <summary>
/// Personal access tokens for programs: 32 random bytes shown once (<c>foc_…</c>), stored as their
/// SHA-256 only, with an expiry, their last use (to the minute) and revocation. A token works while it is neither
/// expired nor revoked and its user is active.
/// </summary>
public sealed class AccessTokens(Store store, IClock clock)
{
    private readonly AccessJournal _journal = new(store, clock);

    public const string Prefix = "foc_";

    public const int DefaultDays = 90;

    public const int MaxDays = 366;

    public const int MaxNameLength = 100;

    /// <summary>How much of a token lists show.</summary>
    private const int ShownLength = 8;

    /// <summary>
    /// Why a token asked with <paramref name="name"/> and <paramref name="days"/> cannot be made, as
    /// "campo: motivo" in Spanish (<c>nombre</c>, <c>dias</c>); null when it can. The API and the web ask it.
    /// </summary>
    public static string? Check(string? name, int days) =>
        (name?.Trim() ?? "").Length is 0 or > MaxNameLength ? $"nombre: diga para qué es el token (1 a {MaxNameLength} caracteres)"
        : days is < 1 or > MaxDays ? $"dias: debe estar entre 1 y {MaxDays}"
        : null;

    /// <summary>Creates a token for <paramref name="userId"/> lasting <paramref name="days"/>; the token text (only now) and its record.</summary>
    public async Task<(string Token, AccessToken Record)> CreateAsync(long userId, string name, int days, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (days is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Token lifetime must be 1 to {MaxDays} days.");
        }
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetCurrentInstant();
        await using var command = store.DataSource.CreateCommand(
            """
            INSERT INTO tokens_de_acceso (usuario_id, nombre, prefijo, hash, creado_at, expira_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING id, nombre, prefijo, creado_at, expira_at, ultimo_uso_at, revocado_at
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = token[..(Prefix.Length + ShownLength)] });
        command.Parameters.Add(new() { Value = Hash(token) });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now + Duration.FromDays(days) });
        var record = (await ReadAsync(command, cancellationToken)).Single();
        await _journal.RecordAsync(by, AccessEvent.TokenCreated, $"token {record.Id} «{record.Name}» ({record.Prefix}…) del usuario {userId}, vence {record.ExpiresAt}", cancellationToken);
        return (token, record);
    }

    /// <summary>How stale a token's recorded last use may get: its use is written at most once in this time, not on every request.</summary>
    public static readonly Duration LastUseResolution = Duration.FromMinutes(1);

    /// <summary>
    /// The active user a valid token belongs to, recording its use (to <see cref="LastUseResolution"/>); null for
    /// anything else (unknown, expired, revoked, user deactivated).
    /// </summary>
    /// <remarks>
    /// One statement either way, which also reads the user: an API request needs both, and a second round trip
    /// for the user cost as much as the token's. Writing the last use on every request made every read a write
    /// transaction committing to disk, and a program's concurrent requests with one token queued on that token's
    /// row lock behind each other's commits; within <see cref="LastUseResolution"/> of the recorded use nothing is written.
    /// </remarks>
    public async Task<User?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }
        await using var command = store.DataSource.CreateCommand(
            $"""
            WITH valid AS (
                SELECT t.id AS token_id, t.ultimo_uso_at AS token_used_at, u.*
                FROM tokens_de_acceso t JOIN usuarios u ON u.id = t.usuario_id
                WHERE t.hash = $1 AND u.activo AND t.revocado_at IS NULL AND t.expira_at > $2
            ), used AS (
                UPDATE tokens_de_acceso t SET ultimo_uso_at = $2
                FROM valid v
                WHERE t.id = v.token_id AND (v.token_used_at IS NULL OR v.token_used_at <= $3)
            )
            SELECT {UserStore.Columns} FROM valid
            """);
        var now = clock.GetCurrentInstant();
        command.Parameters.Add(new() { Value = Hash(token) });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - LastUseResolution });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? UserStore.Read(reader) : null;
    }

    public async Task<IReadOnlyList<AccessToken>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand(
            "SELECT id, nombre, prefijo, creado_at, expira_at, ultimo_uso_at, revocado_at FROM tokens_de_acceso WHERE usuario_id = $1 ORDER BY id");
        command.Parameters.Add(new() { Value = userId });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; false when it has none with that id.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var command = store.DataSource.CreateCommand(
            "UPDATE tokens_de_acceso SET revocado_at = coalesce(revocado_at, $3) WHERE id = $1 AND usuario_id = $2");
        command.Parameters.Add(new() { Value = tokenId });
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }
        await _journal.RecordAsync(by, AccessEvent.TokenRevoked, $"token {tokenId} del usuario {userId}", cancellationToken);
        return true;
    }

    /// <summary>Creates a token for the user with <paramref name="email"/> (the CLI's <c>usuario token</c>); null when there is no active such user.</summary>
    public async Task<string?> CreateForAsync(UserStore users, string email, int days, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await users.FindByEmailAsync(email, cancellationToken) is not { Active: true } user)
        {
            return null;
        }
        return (await CreateAsync(user.Id, $"creado desde la línea de comandos el {clock.GetCurrentInstant():uuuu-MM-dd}", days, by, cancellationToken)).Token;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static async Task<List<AccessToken>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var tokens = new List<AccessToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new AccessToken(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<Instant>(3), reader.GetFieldValue<Instant>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<Instant>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<Instant>(6)));
        }
        return tokens;
    }
}
