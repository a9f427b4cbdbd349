using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Npgsql;

namespace Focalizacion.Access.Users;

/// <summary>
/// The users table: creating, finding, listing and deactivating users, and checking a password
/// with lockout (<see cref="MaxFailedAttempts"/> failures in a row lock the account for
/// <see cref="LockoutDuration"/>). Passwords are hashed with ASP.NET Core Identity's hasher.
/// </summary>
/// <remarks>Users are never deleted: a deactivated user keeps its record, and its tokens stop working.</remarks>
public sealed class UserStore(Store store, IClock clock)
{
    private readonly AccessJournal _journal = new(store, clock);

    public const int MaxFailedAttempts = 5;

    public const int MinPasswordLength = 12;

    public const int MaxPasswordLength = 256;

    public static readonly Duration LockoutDuration = Duration.FromMinutes(15);

    /// <summary>The columns <see cref="Read"/> reads, in its order (also from a query that joins the users, <see cref="Tokens.AccessTokens.AuthenticateAsync"/>).</summary>
    internal const string Columns = "id, correo, nombre, run, rol, region, activo, creado_at";

    private static readonly PasswordHasher<string> Hasher = new();

    // Hashed once, so that a login for an unknown e-mail costs as much as one for a known one.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword("", Guid.NewGuid().ToString()));

    /// <summary>A Spanish reason when <paramref name="password"/> is too weak to accept, naming the field.</summary>
    public static string? CheckPassword(string? password) => password switch
    {
        null or "" => "clave: falta la clave",
        { Length: < MinPasswordLength } => $"clave: debe tener al menos {MinPasswordLength} caracteres",
        { Length: > MaxPasswordLength } => $"clave: tiene más de {MaxPasswordLength} caracteres",
        _ => null,
    };

    /// <summary>Creates the user; the first problem (a field, an e-mail or RUN already taken) in Spanish otherwise, and nothing is created.</summary>
    public async Task<(User? User, string? Problem)> CreateAsync(NewUser user, string? password, Actor createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(createdBy);
        if (user.Check(out var problem) is not { } valid)
        {
            return (null, problem);
        }
        if (password is not null && CheckPassword(password) is { } weak)
        {
            return (null, weak);
        }
        await using var command = store.DataSource.CreateCommand(
            $"""
            INSERT INTO usuarios (correo, nombre, run, rol, region, clave_hash, creado_at, creado_por)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = valid.Email });
        command.Parameters.Add(new() { Value = valid.Name });
        command.Parameters.Add(new() { Value = (object?)valid.Run ?? DBNull.Value });
        command.Parameters.Add(new() { Value = valid.Role.Name });
        command.Parameters.Add(new() { Value = (object?)valid.Region ?? DBNull.Value });
        command.Parameters.Add(new() { Value = password is null ? DBNull.Value : Hasher.HashPassword(valid.Email, password) });
        command.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new() { Value = createdBy.ToString() });
        User created;
        try
        {
            created = (await ReadAsync(command, cancellationToken)).Single();
        }
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (null, taken.ConstraintName == "usuarios_run"
                ? $"run: ya hay un usuario con el RUN {valid.Run}"
                : $"correo: ya hay un usuario con el correo {valid.Email}");
        }
        await _journal.RecordAsync(createdBy, AccessEvent.UserCreated, Describe(created) + (password is null ? ", sin clave (solo ingreso externo)" : ", con clave"), cancellationToken);
        return (created, null);
    }

    /// <summary>"ana@sercotec.cl (gore, NB)": a user as journal lines name it.</summary>
    public static string Describe(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return $"{user.Email} ({user.Role.Name}{(user.Region is { } r ? ", " + r : "")}{(user.Run is { } run ? ", RUN " + run : "")})";
    }

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT {Columns} FROM usuarios WHERE lower(correo) = lower($1)");
        command.Parameters.Add(new() { Value = email.Trim() });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<User?> FindByRunAsync(Run run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = store.DataSource.CreateCommand($"SELECT {Columns} FROM usuarios WHERE run = $1");
        command.Parameters.Add(new() { Value = run.ToString() });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT {Columns} FROM usuarios WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = store.DataSource.CreateCommand($"SELECT {Columns} FROM usuarios ORDER BY id");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Deactivates the user (its logins and tokens stop working); false when no user has that e-mail.</summary>
    public async Task<bool> DeactivateAsync(string email, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var command = store.DataSource.CreateCommand(
            "UPDATE usuarios SET activo = false, desactivado_at = coalesce(desactivado_at, $2) WHERE lower(correo) = lower($1)");
        command.Parameters.Add(new() { Value = email.Trim() });
        command.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }
        await _journal.RecordAsync(by, AccessEvent.UserDeactivated, email.Trim(), cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks a password: the user when it matches an active, unlocked account with a password; the
    /// same refusal whether the e-mail exists or not; a failure counted, and the account locked after
    /// <see cref="MaxFailedAttempts"/> in a row.
    /// </summary>
    /// <param name="email">The e-mail given.</param>
    /// <param name="password">The password given.</param>
    /// <param name="via">Through what the attempt came (the web's login form, the API).</param>
    /// <param name="address">The client's address, for the journal.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<LoginOutcome> CheckPasswordAsync(string email, string password, ActorChannel via, string? address, CancellationToken cancellationToken = default)
    {
        var outcome = await VerifyAsync(email, password, cancellationToken);
        await (outcome.User is { } user
            ? _journal.RecordAsync(user.AsActor(via, address), AccessEvent.SessionStarted, "con correo y clave", cancellationToken)
            : _journal.RecordAsync(new Actor((email ?? "").Trim(), via) { Address = address }, AccessEvent.LoginRefused, outcome.Refusal!, cancellationToken));
        return outcome;
    }

    private async Task<LoginOutcome> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var command = store.DataSource.CreateCommand(
            $"SELECT {Columns}, clave_hash, intentos_fallidos, bloqueado_hasta FROM usuarios WHERE lower(correo) = lower($1)");
        command.Parameters.Add(new() { Value = (email ?? "").Trim() });
        User? user = null;
        string? hash = null;
        Instant? lockedUntil = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                user = Read(reader);
                hash = reader.IsDBNull(8) ? null : reader.GetString(8);
                lockedUntil = reader.IsDBNull(10) ? null : reader.GetFieldValue<Instant>(10);
            }
        }
        var verified = Hasher.VerifyHashedPassword(user?.Email ?? "", hash ?? DummyHash.Value, password ?? "") != PasswordVerificationResult.Failed;
        if (user is null || hash is null || !user.Active)
        {
            return LoginOutcome.Refused;
        }
        if (lockedUntil is { } until && until > now)
        {
            return new LoginOutcome(null, "la cuenta está bloqueada por intentos fallidos; vuelva a intentarlo más tarde", until);
        }
        if (!verified)
        {
            await using var failed = store.DataSource.CreateCommand(
                $"""
                UPDATE usuarios SET intentos_fallidos = intentos_fallidos + 1,
                    bloqueado_hasta = CASE WHEN intentos_fallidos + 1 >= {MaxFailedAttempts} THEN $2 ELSE bloqueado_hasta END
                WHERE id = $1
                """);
            failed.Parameters.Add(new() { Value = user.Id });
            failed.Parameters.Add(new() { Value = now + LockoutDuration });
            await failed.ExecuteNonQueryAsync(cancellationToken);
            return LoginOutcome.Refused;
        }
        await using var succeeded = store.DataSource.CreateCommand("UPDATE usuarios SET intentos_fallidos = 0, bloqueado_hasta = NULL WHERE id = $1");
        succeeded.Parameters.Add(new() { Value = user.Id });
        await succeeded.ExecuteNonQueryAsync(cancellationToken);
        return new LoginOutcome(user, null);
    }

    private static async Task<List<User>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var users = new List<User>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }
        return users;
    }

    /// <summary>The user in the current row, whose first columns are <see cref="Columns"/>.</summary>
    internal static User Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        Role.Find(reader.GetString(4)) ?? throw new InvalidOperationException($"Unknown role «{reader.GetString(4)}» stored for user {reader.GetInt64(0)}."),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetBoolean(6),
        reader.GetFieldValue<Instant>(7));
}
