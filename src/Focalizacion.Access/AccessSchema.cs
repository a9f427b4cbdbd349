using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Access;

/// <summary>The access tables (users, personal access tokens), migrated with the product's other modules.</summary>
public static class AccessSchema
{
    public static MigrationSet Migrations { get; } = new("acceso", typeof(AccessSchema).Assembly) { ApiGrants = "conceder_api_acceso" };
}
