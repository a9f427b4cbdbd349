using Focalizacion.Service.Access;
using Focalizacion.Service.Hosting;

namespace Focalizacion.Service.Health;

/// <summary>The role that serves users (<c>FOCALIZACION_DB_API</c>) reads what the start-up granted it, and has no more rights (<see cref="RoleHealthCheck"/>).</summary>
internal sealed class AccessHealthCheck(ApiDatabase api)
    : RoleHealthCheck(api.Store, ServiceSettings.ApiDatabaseVariable, [("usuarios", "SELECT"), ("workflow_instances", "SELECT")], "El rol que atiende a los usuarios tiene lo suyo y nada más")
{
    public const string Name = "acceso";
}
