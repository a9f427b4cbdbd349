using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Cycle.Directorio;

/// <summary>
/// Who holds each cycle role in each region (table <c>directorio</c>). Central roles
/// (<see cref="CycleRoles.GerenciaRegiones"/>) are stored with no region and apply to every region.
/// </summary>
public sealed class RecipientDirectory(Store store)
{
    /// <summary>How the CLI and the API name the place of a central role (stored with no region).</summary>
    public const string Central = "central";

    /// <summary>
    /// The recipients holding <paramref name="roles"/> for <paramref name="region"/>, in the roles'
    /// order; a role nobody holds is an error, because an oficio must not silently skip its addressee.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(string region, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        await using var batch = store.CreateBatch();
        batch.BatchCommands.Add(ResolveCommand(roles, region));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadResolvedAsync(reader, region, roles, cancellationToken);
    }

    /// <summary>The query of <see cref="ResolveAsync"/>, for a caller that sends it in a batch with others (one round trip).</summary>
    internal static NpgsqlBatchCommand ResolveCommand(IReadOnlyList<string> roles, string region)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            throw new CycleException("El correo no indica destinatarios (foc:destinatarios está vacío).");
        }
        return new NpgsqlBatchCommand("SELECT rol, nombre, cargo, correo FROM directorio WHERE rol = ANY($1) AND (region = $2 OR region IS NULL) ORDER BY id")
        {
            Parameters = { new NpgsqlParameter { Value = roles.ToArray() }, new NpgsqlParameter { Value = region } },
        };
    }

    /// <summary>The recipients from <see cref="ResolveCommand"/>'s result, where <paramref name="reader"/> stands.</summary>
    internal static async Task<IReadOnlyList<Recipient>> ReadResolvedAsync(NpgsqlDataReader reader, string region, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var found = new List<Recipient>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Recipient(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        var missing = roles.Where(role => !found.Any(r => r.Role == role)).ToList();
        if (missing.Count > 0)
        {
            throw new CycleException(
                $"El directorio no tiene a nadie con el rol {string.Join(", ", missing.Select(r => $"«{r}»"))} para la región {region}: " +
                "agréguelo en el directorio de destinatarios y reintente.");
        }
        return roles.SelectMany(role => found.Where(r => r.Role == role)).ToList();
    }

    /// <summary>Adds a recipient for a region (ISO suffix) or, with a null region, a central role; an existing address for that role gets the new name and post.</summary>
    public async Task AddAsync(string? region, Recipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        await using var command = store.CreateCommand(
            "INSERT INTO directorio (region, rol, nombre, cargo, correo) VALUES ($1, $2, $3, $4, $5) " +
            "ON CONFLICT ((coalesce(region, '')), rol, correo) DO UPDATE SET nombre = excluded.nombre, cargo = excluded.cargo");
        AddRowParameters(command.Parameters, region, recipient);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Everyone in the directory, by region (central roles, with a null region, first) and role; with
    /// <paramref name="region"/>, only that region's people and the central roles that apply to it.
    /// </summary>
    public async Task<IReadOnlyList<(string? Region, Recipient Recipient)>> ListAsync(string? region = null, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            "SELECT region, rol, nombre, cargo, correo FROM directorio WHERE $1::text IS NULL OR region = $1 OR region IS NULL " +
            "ORDER BY region NULLS FIRST, rol, id");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<(string?, Recipient)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0),
                new Recipient(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))));
        }
        return rows;
    }

    /// <summary>Makes <paramref name="recipient"/> the only holder of their role in a region (null: central), in one transaction.</summary>
    public async Task ReplaceRoleAsync(string? region, Recipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM directorio WHERE coalesce(region, '') = $1 AND rol = $2", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = region ?? "" });
            delete.Parameters.Add(new NpgsqlParameter { Value = recipient.Role });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = new NpgsqlCommand("INSERT INTO directorio (region, rol, nombre, cargo, correo) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            AddRowParameters(insert.Parameters, region, recipient);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes every holder of a role in a region (null: the central role).</summary>
    public async Task RemoveRoleAsync(string? region, string role, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("DELETE FROM directorio WHERE coalesce(region, '') = $1 AND rol = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = region ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>$1–$5 of an insert into <c>directorio</c>: region (null: central), role, name, post, address.</summary>
    internal static void AddRowParameters(NpgsqlParameterCollection parameters, string? region, Recipient recipient)
    {
        parameters.Add(new NpgsqlParameter { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = recipient.Role });
        parameters.Add(new NpgsqlParameter { Value = recipient.Name });
        parameters.Add(new NpgsqlParameter { Value = recipient.Position });
        parameters.Add(new NpgsqlParameter { Value = recipient.Address });
    }
}
