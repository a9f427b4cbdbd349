using Focalizacion.Access.Users;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Presentacion;

/// <summary>
/// The JSON shapes of what administrators manage, the same from the CLI (<c>--json</c>) and the
/// HTTP API: definitions and their problems, incidents, the directory, templates and users.
/// </summary>
public static class AdministrationJson
{
    /// <summary>"borrador", "publicada", "retirada".</summary>
    public static string StatusText(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Draft => "borrador",
        DefinitionStatus.Published => "publicada",
        _ => "retirada",
    };

    public static object Definition(DefinitionRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new
        {
            id = r.Id,
            clave = r.ProcessKey,
            version = r.Version,
            estado = StatusText(r.Status),
            nombre = r.Name,
            creadaPor = r.CreatedBy,
            creada = CycleJson.Instant(r.CreatedAt.InUtc()),
            publicada = r.PublishedAt is { } at ? CycleJson.Instant(at.InUtc()) : null,
            publicadaPor = r.PublishedBy,
            retirada = r.RetiredAt is { } retired ? CycleJson.Instant(retired.InUtc()) : null,
            retiradaPor = r.RetiredBy,
        };
    }

    /// <summary>A problem that keeps something from being used: the element (BPMN id, template part) and why.</summary>
    public static object Problem(string element, string message) => new { elemento = element, mensaje = message };

    public static IEnumerable<object> Problems(IEnumerable<DefinitionProblem> problems) => problems.Select(p => Problem(p.ElementId, p.Message));

    public static IEnumerable<object> Problems(IEnumerable<TemplateProblem> problems) => problems.Select(p => Problem(p.Field, p.Message));

    public static object Incident(IncidentRow i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new { id = i.Id, instancia = i.InstanceId, elemento = i.NodeId, motivo = i.Reason };
    }

    /// <summary>One holder of a cycle role: a region's (its code) or <see cref="RecipientDirectory.Central"/>.</summary>
    public static object DirectoryEntry(string? region, Recipient r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new { region = region ?? RecipientDirectory.Central, rol = r.Role, nombre = r.Name, cargo = r.Position, correo = r.Address };
    }

    /// <summary>Every template, whether an admin's edit is in force and whose (the others are the shipped defaults).</summary>
    public static IEnumerable<object> TemplateListing(IReadOnlyDictionary<string, (Instant At, string By)> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return TemplateKeys.All.Select(key =>
        {
            var edited = edits.TryGetValue(key, out var edit);
            return (object)new { clave = key, editada = edited, editadaEl = edited ? InstantPattern.General.Format(edit.At) : null, editadaPor = edited ? edit.By : null };
        });
    }

    /// <summary>A template as <c>plantilla exportar</c> writes it and <c>plantilla importar</c> reads it back.</summary>
    public static object Template(MailTemplate t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new { clave = t.Key, asunto = t.Subject, html = t.Html, texto = t.Text };
    }

    public static object User(User u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new
        {
            id = u.Id,
            correo = u.Email,
            nombre = u.Name,
            run = u.Run,
            rol = u.Role.Name,
            region = u.Region,
            activo = u.Active,
            creado = CycleJson.Instant(u.CreatedAt.InUtc()),
        };
    }
}
