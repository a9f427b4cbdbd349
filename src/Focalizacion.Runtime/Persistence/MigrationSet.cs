using System.Reflection;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// The SQL migrations one module owns: the scripts embedded in its assembly under a
/// <c>Migrations</c> folder, applied in name order. Names are unique across modules (the
/// <c>schema_migrations</c> table records them by name), so each module keeps its own prefix.
/// </summary>
/// <param name="Module">Who owns the schema, for messages.</param>
/// <param name="Assembly">Where the scripts are embedded.</param>
public sealed record MigrationSet(string Module, Assembly Assembly)
{
    /// <summary>The engine's own tables: definitions, instances, timers, outbox, incidents, journal.</summary>
    public static MigrationSet Engine { get; } = new("motor", typeof(MigrationSet).Assembly) { ApiGrants = "conceder_api_motor", MotorGrants = "conceder_motor_motor" };

    /// <summary>
    /// The SQL function one of the module's migrations defines to grant the API's role what it may
    /// do on the module's tables (<see cref="Migrator.GrantApiAsync"/>); null when it grants nothing.
    /// </summary>
    public string? ApiGrants { get; init; }

    /// <summary>
    /// The SQL function one of the module's migrations defines to grant the running service's role (the engine, the
    /// handlers, Hangfire: <c>FOCALIZACION_DB_MOTOR</c>) what it may do on the module's tables
    /// (<see cref="SchemaOwner.PrepareAsync"/>); null when it grants nothing.
    /// </summary>
    public string? MotorGrants { get; init; }

    /// <summary>The embedded scripts, ordered by name ("0001_engine.sql", …).</summary>
    public IEnumerable<(string Name, string Sql)> Scripts()
    {
        const string marker = ".Migrations.";
        foreach (var resource in Assembly.GetManifestResourceNames().Where(n => n.Contains(marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], reader.ReadToEnd());
        }
    }
}
