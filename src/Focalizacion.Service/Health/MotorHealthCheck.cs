using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Hosting;

namespace Focalizacion.Service.Health;

/// <summary>The role the engine, the handlers and Hangfire write with (<c>FOCALIZACION_DB_MOTOR</c>) may append to the journal and step instances, and has no more rights (<see cref="RoleHealthCheck"/>).</summary>
internal sealed class MotorHealthCheck(Store store)
    : RoleHealthCheck(store, ServiceSettings.MotorDatabaseVariable, [("journal", "INSERT"), ("workflow_instances", "UPDATE")], "El rol del motor tiene lo suyo y nada más")
{
    public const string Name = "motor";
}
