using System.Buffers;
using System.Data;
using System.Security.Cryptography;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Cycle.Archivo;

/// <summary>
/// The immutable archive (<c>documentos</c>): stores a document with its SHA-256, size, who and
/// when, and reads it back. A row is never changed or removed (the database refuses it, for every
/// role): a new version is a new row.
/// </summary>
/// <remarks>
/// Its commands run on the store's ambient transaction when there is one: inside
/// <see cref="Store.WriteAsync{T}"/> for the role that serves users, so that row-level security
/// decides which region it may store into, and inside <see cref="Store.ReadAsync{T}"/> to read
/// only what the caller may see.
/// </remarks>
public sealed class DocumentArchive(Store store, IClock clock)
{
    /// <summary>The largest document stored by default: 20 MiB.</summary>
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    /// <summary>The longest text of someone else's the row keeps (a file name, a media type, an actor's name).</summary>
    public const int MaxText = 255;

    private const string Columns = "id, region, anio_presupuestario, tipo, nombre, media_type, sha256, tamano, subido_por, subido_at";

    /// <summary>The largest content <see cref="StoreAsync"/> accepts.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>
    /// Stores <paramref name="content"/> (read once, hashed while it is read, refused past
    /// <see cref="MaxBytes"/> with nothing stored) as a new row, stored by <paramref name="by"/> now.
    /// </summary>
    /// <exception cref="CycleException">A bad type, name or media type, or a content too large (in Spanish).</exception>
    public async Task<ArchivedDocument> StoreAsync(NewDocument document, Actor by, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(content);
        Validate(document);
        using var bytes = new MemoryStream();
        var hash = await ReadBoundedAsync(content, bytes, cancellationToken);
        var storedBy = by.Name.Length > MaxText ? by.Name[..MaxText] : by.Name;
        var now = clock.GetCurrentInstant();
        await using var command = store.CreateCommand(
            "INSERT INTO documentos (region, anio_presupuestario, tipo, nombre, media_type, sha256, tamano, contenido, subido_por, subido_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = document.Region });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)document.BudgetYear ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = document.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = document.MediaType });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = bytes.Length });
        // The buffer itself, not a copy of it.
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = bytes.GetBuffer().AsMemory(0, (int)bytes.Length), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = storedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new ArchivedDocument(id, document.Region, document.BudgetYear, document.Type, document.Name, document.MediaType, hash, bytes.Length, storedBy, now);
    }

    /// <summary>The document <paramref name="id"/>, without its content; null when there is none (or the caller does not see it).</summary>
    public async Task<ArchivedDocument?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand($"SELECT {Columns} FROM documentos WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Copies the content of document <paramref name="id"/> to <paramref name="destination"/> as it
    /// is read from the database (never whole in memory); false when there is none to see.
    /// </summary>
    public async Task<bool> CopyContentAsync(long id, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var command = store.CreateCommand("SELECT contenido FROM documentos WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }
        await using var content = await reader.GetStreamAsync(0, cancellationToken);
        await content.CopyToAsync(destination, cancellationToken);
        return true;
    }

    /// <summary>The content of document <paramref name="id"/> as bytes (a small document: an oficio's PDF); null when there is none to see.</summary>
    public async Task<byte[]?> ReadContentAsync(long id, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        return await CopyContentAsync(id, buffer, cancellationToken) ? buffer.ToArray() : null;
    }

    private static void Validate(NewDocument document)
    {
        if (!DocumentTypes.All.Contains(document.Type))
        {
            throw new CycleException($"tipo: «{document.Type}» no es un tipo de documento; los tipos son: {string.Join(", ", DocumentTypes.All)}.");
        }
        if (string.IsNullOrWhiteSpace(document.Region))
        {
            throw new CycleException("region: un documento pertenece a una región.");
        }
        if (string.IsNullOrWhiteSpace(document.Name) || document.Name.Length > MaxText)
        {
            throw new CycleException($"nombre: el nombre del archivo debe tener entre 1 y {MaxText} caracteres.");
        }
        if (string.IsNullOrWhiteSpace(document.MediaType) || document.MediaType.Length > MaxText)
        {
            throw new CycleException($"media_type: el tipo de contenido debe tener entre 1 y {MaxText} caracteres.");
        }
    }

    /// <summary>The content read once, hashed as it is read; refused as soon as it passes <see cref="MaxBytes"/>.</summary>
    private async Task<byte[]> ReadBoundedAsync(Stream content, MemoryStream buffer, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw new CycleException($"contenido: el documento supera el máximo de {(MaxBytes >= 1024 * 1024 ? $"{MaxBytes / (1024 * 1024)} MB" : $"{MaxBytes} bytes")}; no se guardó nada.");
                }
                hash.AppendData(chunk, 0, read);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return hash.GetHashAndReset();
    }

    private static ArchivedDocument Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
        reader.GetString(5), reader.GetFieldValue<byte[]>(6), reader.GetInt64(7), reader.GetString(8), reader.GetFieldValue<Instant>(9));
}
