using Focalizacion.Cli.Tests.Ciclo;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Testing;

namespace Focalizacion.Cli.Tests;

/// <summary>
/// The CLI writes as the least-privileged role that can do each verb's work, never as the tables' owner: the engine's
/// role (<c>FOCALIZACION_DB_MOTOR</c>) steps workflows, records events and writes the cycle's data, as the service's
/// engine and handlers do; the role that serves users (<c>FOCALIZACION_DB_API</c>) writes users and tokens, as the
/// service's administration does. A trigger notes the role behind every write (<see cref="WritingRoles"/>).
/// </summary>
public class DatabaseRolesTests
{
    /// <summary>The tables the recorder watches: the engine's, the cycle's and access's.</summary>
    private static readonly string[] RecordedTables =
        ["workflow_definitions", "workflow_instances", "timers", "outbox", "incidents", "journal", "directorio", "plantillas", "oficio_series", "oficios", "correos", "focalizaciones", "documentos", "usuarios", "tokens_de_acceso"];

    private static readonly string[] AccessTables = ["usuarios", "tokens_de_acceso"];

    [Test]
    public async Task Every_write_of_the_operator_s_verbs_is_the_engine_s_role_s_or_for_users_the_API_s()
    {
        await using var cli = await CycleCli.CreateAsync(CycleCli.November2026);
        await WritingRoles.RecordAsync(cli.Database, RecordedTables);
        string[][] verbs =
        [
            ["ciclo", "preparar"], // its migrations and grants are the owner's; the directory, templates and workflow are not
            ["ciclo", "iniciar", "2027", "--region", "NB", "--hito", "oficio-inicio=2026-03-10", "--hito", "presupuesto-exploratorio=2026-06-25"],
            ["temporizadores", "disparar"],
            ["ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida"],
            ["directorio", "asignar", "nuble", "gore-gobernador", "Ana Pérez <ana@gore-nuble.cl>"],
            ["plantilla", "restaurar", "recordatorio"],
            ["usuario", "crear", "admin@sercotec.cl", "--rol", "administrador"],
            ["usuario", "token", "admin@sercotec.cl"],
            ["usuario", "desactivar", "admin@sercotec.cl"],
            ["ciclo", "estado", "2027"],
            ["incidente", "listar"],
        ];
        foreach (var verb in verbs)
        {
            var run = await cli.RunAsync(verb);
            Assert.That(run.ExitCode, Is.Zero, $"{string.Join(' ', verb)}: {run.Error}");
        }

        var writers = await WritingRoles.WritersAsync(cli.Database);
        var motor = DatabaseRole.RoleOf(cli.Database.MotorConnectionString);
        var api = DatabaseRole.RoleOf(cli.Database.ApiConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(writers.Where(w => w.Role == DatabaseRole.RoleOf(cli.Database.ConnectionString)), Is.Empty, "writes as the tables' owner");
            Assert.That(writers.Where(w => !AccessTables.Contains(w.Table) && w.Table != "journal" && w.Role != motor), Is.Empty, "the engine's and the cycle's tables written by another role");
            Assert.That(writers.Where(w => AccessTables.Contains(w.Table) && w.Role != api), Is.Empty, "users or tokens written by another role than the API's");
            Assert.That(writers.Where(w => w.Table == "journal").Select(w => w.Role), Is.EquivalentTo(new[] { api, motor }), "the cycle's lines and the access lines");
            Assert.That(writers.Select(w => w.Table).Distinct(), Is.SupersetOf(new[] { "workflow_definitions", "workflow_instances", "timers", "journal", "directorio", "plantillas", "usuarios", "tokens_de_acceso" }),
                "the verbs wrote what they do");
        });
    }
}
