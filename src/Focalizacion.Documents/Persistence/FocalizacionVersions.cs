using System.Text.Json;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Documents.Persistence;

/// <summary>One submitted version of a region's focalización (<c>focalizacion_versiones</c>), never changed once stored.</summary>
/// <param name="Id">Its row; what the cycle's events reference as <c>focalizacion</c>.</param>
/// <param name="Number">1, 2, … per region, year and stage: a corrected final is the next number.</param>
/// <param name="Content">The focalización as submitted.</param>
/// <param name="Observations">What the conformity rules found when it was submitted; none = conforming.</param>
/// <param name="WorkbookId">The uploaded XLSX in the archive, when it came as one.</param>
/// <param name="ActaId">The acta CORE's PDF in the archive, for a final that brought it.</param>
/// <param name="SubmittedBy">Who submitted it, as the journal names actors.</param>
/// <param name="SubmittedAt">When: for a preliminary, the receipt the 15 días corridos count from.</param>
public sealed record FocalizacionVersion(
    long Id, int Number, Focalizaciones.Focalizacion Content, IReadOnlyList<Observation> Observations,
    long? WorkbookId, long? ActaId, string SubmittedBy, Instant SubmittedAt)
{
    public string Region => Content.Region;

    public int BudgetYear => Content.BudgetYear;

    public Stage Stage => Content.Stage;

    public bool Conforms => ConformityCheck.Conforms(Observations);
}

/// <summary>An observation Sercotec wrote on one line of a submitted preliminary.</summary>
public sealed record LineObservation(long Id, int Line, string Text, string Author, Instant WrittenAt);

/// <summary>The focalización that applies to a region's budget year, and why (<c>focalizaciones</c>, the cycle's outcome).</summary>
/// <param name="Region">The region (ISO code).</param>
/// <param name="Outcome">The cycle's outcome (<c>CycleOutcomes</c>): its own final, the previous year's, or Sercotec's definitions.</param>
/// <param name="Version">The version that applies; null for Sercotec's own definitions (or an outcome recorded before versions were kept).</param>
public sealed record ApplicableFocalizacion(string Region, string Outcome, FocalizacionVersion? Version);

/// <summary>
/// The submitted versions of focalizaciones and Sercotec's observations on them. Its commands run on
/// the store's ambient transaction when there is one: a GORE's submission inside
/// <see cref="Store.WriteAsync{T}"/>, so row-level security decides which region it may store into.
/// </summary>
public sealed class FocalizacionVersions(Store store, IClock clock)
{
    private const string Columns = "id, version, contenido::text, observaciones::text, planilla_id, acta_id, enviada_por, enviada_at";

    /// <summary>Stores <paramref name="content"/> as the next version of its region, year and stage, submitted by <paramref name="by"/> now.</summary>
    public async Task<FocalizacionVersion> SubmitAsync(
        Focalizaciones.Focalizacion content, IReadOnlyList<Observation> observations, long? workbookId, long? actaId, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(by);
        await using var command = store.CreateCommand(
            "INSERT INTO focalizacion_versiones (region, anio_presupuestario, etapa, version, contenido, observaciones, planilla_id, acta_id, enviada_por, enviada_at) " +
            "SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4::jsonb, $5::jsonb, $6, $7, $8, $9 FROM focalizacion_versiones " +
            "WHERE region = $1 AND anio_presupuestario = $2 AND etapa = $3 " +
            $"RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter { Value = content.Region });
        command.Parameters.Add(new NpgsqlParameter { Value = content.BudgetYear });
        command.Parameters.Add(new NpgsqlParameter { Value = StageName(content.Stage) });
        command.Parameters.Add(new NpgsqlParameter { Value = FocalizacionJson.Serialize(content) });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(observations.Select(StoredObservation.Of)) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)workbookId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)actaId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = by.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    /// <summary>Version <paramref name="id"/>; null when there is none the caller sees.</summary>
    public async Task<FocalizacionVersion?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand($"SELECT {Columns} FROM focalizacion_versiones WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every version of a region's year, preliminary first, oldest first.</summary>
    public async Task<IReadOnlyList<FocalizacionVersion>> ListAsync(string region, int budgetYear, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            $"SELECT {Columns} FROM focalizacion_versiones WHERE region = $1 AND anio_presupuestario = $2 ORDER BY etapa DESC, version");
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The latest version of a region's year and stage; null when none was submitted.</summary>
    public async Task<FocalizacionVersion?> LatestAsync(string region, int budgetYear, Stage stage, CancellationToken cancellationToken = default) =>
        (await ListAsync(region, budgetYear, cancellationToken)).LastOrDefault(v => v.Stage == stage);

    /// <summary>Adds Sercotec's observations on lines of <paramref name="version"/> (line number → text), written by <paramref name="by"/> now.</summary>
    public async Task AddObservationsAsync(FocalizacionVersion version, IReadOnlyList<(int Line, string Text)> observations, Actor by, CancellationToken cancellationToken = default)
    {
        if (observations.Count == 0)
        {
            return;
        }
        var write = ObservationsWrite(version, observations, by);
        await using var command = store.CreateCommand(write.Sql);
        foreach (var value in write.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The statement that adds Sercotec's observations on lines of <paramref name="version"/> (line
    /// number → text), written by <paramref name="by"/> now, all of them or none: committed with the
    /// observaciones event that sends them (<see cref="StepSideWrite"/>).
    /// </summary>
    public StepSideWrite ObservationsWrite(FocalizacionVersion version, IReadOnlyList<(int Line, string Text)> observations, Actor by)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(by);
        return new StepSideWrite(
            "INSERT INTO focalizacion_observaciones (version_id, region, linea, texto, autor, creada_at) " +
            "SELECT $1, $2, o.linea, o.texto, $5, $6 FROM unnest($3::int[], $4::text[]) WITH ORDINALITY AS o (linea, texto, orden) ORDER BY o.orden",
            [version.Id, version.Region, observations.Select(o => o.Line).ToArray(), observations.Select(o => o.Text).ToArray(), by.ToString(), clock.GetCurrentInstant()]);
    }

    /// <summary>Sercotec's observations on version <paramref name="versionId"/>, by line, in the order written.</summary>
    public async Task<IReadOnlyList<LineObservation>> ObservationsAsync(long versionId, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            "SELECT id, linea, texto, autor, creada_at FROM focalizacion_observaciones WHERE version_id = $1 ORDER BY linea, id");
        command.Parameters.Add(new NpgsqlParameter { Value = versionId });
        var found = new List<LineObservation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LineObservation(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<Instant>(4)));
        }
        return found;
    }

    /// <summary>
    /// For each region with an outcome for <paramref name="budgetYear"/> that the caller sees, the
    /// focalización that applies (the latest outcome recorded, with its version).
    /// </summary>
    public async Task<IReadOnlyList<ApplicableFocalizacion>> ApplicableAsync(int budgetYear, CancellationToken cancellationToken = default)
    {
        // One query: each region's latest outcome with the version it applies, if any (a version the caller may not see reads as none).
        await using var command = store.CreateCommand(
            $"SELECT o.region, o.resultado, {string.Join(", ", Columns.Split(", ").Select(c => "v." + c))} FROM (" +
            "SELECT DISTINCT ON (f.region) f.region, f.resultado, f.version_id FROM focalizaciones f " +
            "WHERE f.anio_presupuestario = $1 ORDER BY f.region, f.id DESC) o " +
            "LEFT JOIN focalizacion_versiones v ON v.id = o.version_id ORDER BY o.region");
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        var applicable = new List<ApplicableFocalizacion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applicable.Add(new ApplicableFocalizacion(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : Version(reader, 2)));
        }
        return applicable;
    }

    /// <summary>How a stage is written in <c>focalizacion_versiones.etapa</c>.</summary>
    public static string StageName(Stage stage) => stage == Stage.Final ? "final" : "preliminar";

    /// <summary>The stage a path or form names as <see cref="StageName"/> writes it; null for anything else.</summary>
    public static Stage? StageOf(string? name) => Enum.GetValues<Stage>().Cast<Stage?>().FirstOrDefault(s => StageName(s!.Value) == name);

    private static async Task<List<FocalizacionVersion>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<FocalizacionVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Version(reader, 0));
        }
        return found;
    }

    /// <summary>The version in the row's <see cref="Columns"/>, from column <paramref name="at"/> on.</summary>
    private static FocalizacionVersion Version(NpgsqlDataReader reader, int at)
    {
        var observations = JsonSerializer.Deserialize<List<StoredObservation>>(reader.GetString(at + 3)) ?? [];
        return new FocalizacionVersion(
            reader.GetInt64(at), reader.GetInt32(at + 1), FocalizacionJson.Deserialize(reader.GetString(at + 2)), [.. observations.Select(o => o.ToObservation())],
            reader.IsDBNull(at + 4) ? null : reader.GetInt64(at + 4), reader.IsDBNull(at + 5) ? null : reader.GetInt64(at + 5),
            reader.GetString(at + 6), reader.GetFieldValue<Instant>(at + 7));
    }

    /// <summary>An observation as <c>focalizacion_versiones.observaciones</c> keeps it.</summary>
    private sealed record StoredObservation(string Tipo, string? Instrumento, string Mensaje)
    {
        public static StoredObservation Of(Observation o) => new(o.Kind.ToString(), o.Instrument, o.Message);

        public Observation ToObservation() => new(Enum.Parse<ObservationKind>(Tipo), Instrumento, Mensaje);
    }
}
