using System.Collections.Concurrent;
using System.Text;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Definitions;

/// <summary>
/// Versioned BPMN definitions in PostgreSQL: import as a draft (only if the engine can run it),
/// publish as the next version, retire, list, export the file exactly as uploaded.
/// </summary>
/// <remarks>
/// Publishing never touches running instances: each instance keeps the definition row it started
/// with. Parsed definitions are cached by row id; a row's file never changes once stored. Files
/// are kept as bytes, so export returns them byte for byte (byte order mark and encoding included).
/// </remarks>
public sealed class DefinitionStore(Store store, IClock clock, ImportCatalog catalog)
{
    private readonly ConcurrentDictionary<long, WorkflowDefinition> _parsed = new();

    /// <summary>
    /// Validates and stores a draft; a file the engine cannot run is returned with its problems and
    /// nothing is stored. The bytes are decoded as the file declares and stored as they are.
    /// </summary>
    public Task<(DefinitionRow? Draft, ImportResult Result)> ImportAsync(byte[] bpmn, Actor actor, CancellationToken cancellationToken = default) =>
        ImportAsync(bpmn, actor, keepWithProblems: false, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(byte[], Actor, CancellationToken)"/>; with <paramref name="keepWithProblems"/>
    /// a file with import problems is stored too, as a draft under its <c>bpmn:process</c> id (the
    /// designer saves work in progress), which <see cref="PublishAsync"/> refuses until it imports.
    /// A file that is not XML, or has no process id of at most <see cref="MaxProcessKeyLength"/>
    /// characters, is never stored.
    /// </summary>
    public async Task<(DefinitionRow? Draft, ImportResult Result)> ImportAsync(byte[] bpmn, Actor actor, bool keepWithProblems, CancellationToken cancellationToken = default)
    {
        var result = Validate(bpmn);
        (string Key, string? Name)? process = result.Success ? (result.Definition!.ProcessId, result.Definition.Name) : null;
        if (!result.Success && keepWithProblems && result.NotBpmnReason is null && BpmnImporter.ProcessOf(bpmn) is { } read && read.Key.Length <= MaxProcessKeyLength)
        {
            process = read;
        }
        if (process is not { } kept)
        {
            return (null, result);
        }
        await using var db = store.Open();
        var row = new DefinitionRow
        {
            ProcessKey = kept.Key,
            Name = kept.Name,
            Status = DefinitionStatus.Draft,
            BpmnXml = bpmn,
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = actor.ToString(),
        };
        db.Definitions.Add(row);
        var problems = result.Success ? "" : $" con {result.Problems.Count} problema(s): no se puede publicar hasta corregirlos";
        db.Journal.Add(Journal(actor, JournalKind.DefinitionImported, $"borrador de «{row.ProcessKey}» importado{problems}"));
        await db.SaveChangesAsync(cancellationToken);
        return (row, result);
    }

    /// <summary>
    /// Validates and stores a draft given as text (built in code, or a file already read as text),
    /// stored as its UTF-8 bytes: right for text whose XML declaration names UTF-8 or no encoding.
    /// </summary>
    public Task<(DefinitionRow? Draft, ImportResult Result)> ImportAsync(string xml, Actor actor, CancellationToken cancellationToken = default) =>
        ImportAsync(Encoding.UTF8.GetBytes(xml), actor, cancellationToken);

    /// <summary>Publishes a draft as the next version of its process key.</summary>
    public async Task<DefinitionRow> PublishAsync(long draftId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Definitions.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            ?? throw new RuntimeException($"no existe la definición {draftId}");
        if (row.Status != DefinitionStatus.Draft)
        {
            throw new RuntimeException($"la definición {draftId} no es un borrador (está {Spanish(row.Status)})");
        }
        // Checked again under today's handlers and settings: a draft imported before a handler
        // changed must not become the version new instances start with unless it still runs.
        if (Validate(row.BpmnXml) is { Success: false } result)
        {
            throw new DefinitionProblemsException($"la definición {draftId} no se puede publicar", result.Problems);
        }
        // Serialize publications of one key so two never get the same version number.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({row.ProcessKey}))", cancellationToken);
        var last = await db.Definitions.Where(d => d.ProcessKey == row.ProcessKey).MaxAsync(d => d.Version, cancellationToken) ?? 0;
        row.Version = last + 1;
        row.Status = DefinitionStatus.Published;
        row.PublishedAt = clock.GetCurrentInstant();
        row.PublishedBy = actor.ToString();
        db.Journal.Add(Journal(actor, JournalKind.DefinitionPublished, $"«{row.ProcessKey}» versión {row.Version} publicada"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>Retires a published version: no new instance starts on it; running ones continue. Returns the row as retired.</summary>
    public async Task<DefinitionRow> RetireAsync(string processKey, int version, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        var row = await db.Definitions.SingleOrDefaultAsync(d => d.ProcessKey == processKey && d.Version == version, cancellationToken)
            ?? throw new RuntimeException($"no existe la versión {version} de «{processKey}»");
        row.Status = DefinitionStatus.Retired;
        row.RetiredAt = clock.GetCurrentInstant();
        row.RetiredBy = actor.ToString();
        db.Journal.Add(Journal(actor, JournalKind.DefinitionRetired, $"«{processKey}» versión {version} retirada"));
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The longest process key a draft kept with its problems may have (an id read from an unchecked file).</summary>
    public const int MaxProcessKeyLength = 200;

    public async Task<IReadOnlyList<DefinitionRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Definitions.AsNoTracking().OrderBy(d => d.ProcessKey).ThenBy(d => d.Version).ThenBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>One stored definition, its file included; null when there is none with that id.</summary>
    public async Task<DefinitionRow?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>One version of a process key (published or retired); null when there is none.</summary>
    public async Task<DefinitionRow?> FindAsync(string processKey, int version, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.ProcessKey == processKey && d.Version == version, cancellationToken);
    }

    /// <summary>The file exactly as uploaded, byte for byte.</summary>
    public async Task<byte[]> ExportAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Definitions.Where(d => d.Id == id).Select(d => d.BpmnXml).SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuntimeException($"no existe la definición {id}");
    }

    /// <summary>The newest published version of a process key.</summary>
    public static async Task<DefinitionRow> LatestPublishedAsync(FocalizacionDb db, string processKey, CancellationToken cancellationToken) =>
        await LatestPublishedOrNullAsync(db, processKey, cancellationToken)
            ?? throw new RuntimeException($"no hay una versión publicada de «{processKey}»");

    /// <summary>The newest published version of a process key; null when none is.</summary>
    public static async Task<DefinitionRow?> LatestPublishedOrNullAsync(FocalizacionDb db, string processKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Definitions.AsNoTracking()
            .Where(d => d.ProcessKey == processKey && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Every problem that keeps a file from being imported here: the structure, every setting of
    /// every node against the handlers and settings this runtime has, and the plazos it refers to.
    /// </summary>
    public ImportResult Validate(byte[] bpmn) => BpmnImporter.Import(bpmn, catalog);

    /// <summary>
    /// The runnable form of a stored definition (parsed once per row). Its settings were checked when
    /// it was imported; only its structure must still be one the engine runs (<see cref="BpmnImporter.Load"/>).
    /// </summary>
    public async Task<WorkflowDefinition> ParsedAsync(long id, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(id, out var cached))
        {
            return cached;
        }
        await using var db = store.Open();
        var bpmn = await db.Definitions.Where(d => d.Id == id).Select(d => d.BpmnXml).SingleAsync(cancellationToken);
        var result = BpmnImporter.Load(bpmn, catalog);
        return _parsed.GetOrAdd(id, result.Definition
            ?? throw new InvalidOperationException($"Stored definition {id} no longer imports: {string.Join("; ", result.Problems)}"));
    }

    private JournalRow Journal(Actor actor, JournalKind kind, string details) =>
        new() { At = clock.GetCurrentInstant(), By = actor, Kind = kind.Text(), Details = details };

    private static string Spanish(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Draft => "en borrador",
        DefinitionStatus.Published => "publicada",
        _ => "retirada",
    };
}
