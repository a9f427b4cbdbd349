using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Oficios;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The settings of an <c>enviar-correo</c> task, each declared once with what it accepts: the
/// importer checks them, the handler reads them by these names.
/// </summary>
public static class EmailSettings
{
    public static SettingSpec Type { get; } = new("tipo", "el tipo de correo") { Required = true, Allowed = MailTypes.All };

    public static SettingSpec Milestone { get; } = CycleSettings.Milestone("el hito del ciclo del que trata el correo") with { Required = true };

    public static SettingSpec Template { get; } = new("plantilla", "la plantilla del correo") { Required = true, Allowed = TemplateKeys.All };

    public static SettingSpec Recipients { get; } = new("destinatarios", "los roles que reciben el correo")
    {
        Required = true,
        IsList = true,
        Allowed = CycleRoles.All,
    };

    /// <summary>Who numbers and signs an oficio; Sercotec central (the Gerencia General) when not set.</summary>
    public static SettingSpec Issuer { get; } = new("emisor", "quién numera y firma el oficio; por omisión, la Gerencia General")
    {
        Allowed = OficioIssuer.Settings,
        OnlyWhen = (Type.Name, MailTypes.Oficio),
    };

    /// <summary>The plazo whose date the text shows; by default the hito's.</summary>
    public static SettingSpec Plazo { get; } = CycleSettings.NamedPlazo("plazo", "el plazo cuya fecha muestra el texto");

    public static IReadOnlyList<SettingSpec> All { get; } = [Type, Milestone, Template, Recipients, Issuer, Plazo];
}
