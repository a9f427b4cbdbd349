using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Oficios;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// The oficios (<c>/oficios</c>) the user may see (row-level security and region scope, read as the
/// API reads them), filtered by budget year, region, milestone and delivery state, and searched by
/// number, subject or recipient.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class OficiosModel(ApiDatabase database) : PageModel
{
    /// <summary>The delivery states the filter offers: key → words.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeliveryStates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["enviado"] = "enviado",
        ["pendiente"] = "pendiente de envío",
        ["con-error"] = "pendiente, con error",
    };

    public IReadOnlyList<MailRecord> Oficios { get; private set; } = [];

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>The milestones the user's oficios belong to, for the filter: key → name.</summary>
    public IReadOnlyList<(string Key, string Name)> Milestones { get; private set; } = [];

    public int? Anio { get; private set; }

    public string? Region { get; private set; }

    public string? Hito { get; private set; }

    public string? Estado { get; private set; }

    public string? Buscar { get; private set; }

    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? anio, string? region, string? hito, string? estado, string? buscar)
    {
        var caller = Caller.Of(HttpContext);
        Regions = [.. RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix))];
        if (anio is { } year && (year < ApiArguments.FirstBudgetYear || year > ApiArguments.LastBudgetYear))
        {
            Problems.Add($"Año presupuestario: {year} está fuera del calendario ({ApiArguments.FirstBudgetYear}–{ApiArguments.LastBudgetYear}); se muestran todos los años.");
        }
        else
        {
            Anio = anio;
        }
        if (region is { Length: > 0 })
        {
            if (Regions.FirstOrDefault(r => r.IsoSuffix == region) is { } found)
            {
                Region = found.IsoSuffix;
            }
            else
            {
                Problems.Add($"Región: «{region}» no es una región que usted pueda ver; se muestran todas las suyas.");
            }
        }
        if (estado is { Length: > 0 })
        {
            if (DeliveryStates.ContainsKey(estado))
            {
                Estado = estado;
            }
            else
            {
                Problems.Add($"Estado del envío: «{estado}» no es un estado; los estados son: {string.Join(", ", DeliveryStates.Values)}.");
            }
        }
        Buscar = buscar is { Length: > 0 } ? buscar.Trim()[..Math.Min(buscar.Trim().Length, 200)] : null;
        var all = await CycleActions.OficiosAsync(caller, database, Region, Anio, HttpContext.RequestAborted);
        Milestones = [.. all.Select(m => m.Milestone).Distinct().Select(k => (k, MilestoneName(k))).OrderBy(m => CycleMilestones.Keys.ToList().IndexOf(m.k))];
        if (hito is { Length: > 0 })
        {
            if (Milestones.Any(m => m.Key == hito))
            {
                Hito = hito;
            }
            else
            {
                Problems.Add($"Hito: «{hito}» no es el hito de ninguno de sus oficios.");
            }
        }
        Oficios = [.. all.Where(m => (Hito is null || m.Milestone == Hito) && (Estado is null || DeliveryKey(m) == Estado) && Matches(m, Buscar)).Reverse()];
        return Page();
    }

    /// <summary>"Montos preliminares" for <c>montos-preliminares</c>.</summary>
    public static string MilestoneName(string key) => CycleMilestones.Describe(key)?.Name ?? key;

    /// <summary>"N° 4/2026", or "sin número" (one not yet numbered).</summary>
    public static string Number(MailRecord m) => Web.Cycle.CycleView.Number(m) ?? "sin número";

    public static string Issuer(MailRecord m) => m.Issuer is { } code ? OficioIssuer.DisplayName(code) : "—";

    /// <summary>The delivery state's filter key.</summary>
    public static string DeliveryKey(MailRecord m) => m.State == MailStates.Sent ? "enviado" : m.LastError is null ? "pendiente" : "con-error";

    /// <summary>The delivery state in words: "enviado", "pendiente de envío", "pendiente: falló el envío (2 intentos)".</summary>
    public static string DeliveryText(MailRecord m) => DeliveryKey(m) == "con-error"
        ? $"pendiente: falló el envío ({WebText.Attempts(m.Attempts)})"
        : DeliveryStates[DeliveryKey(m)];

    /// <summary>When it was sent, or created if not yet, in the region's time.</summary>
    public static string When(MailRecord m) => WebText.ShortMoment(m.SentAt ?? m.CreatedAt, RegionRegistry.ByIsoSuffix(m.Region).Zone);

    /// <summary>The oficio's page: its key, each part escaped.</summary>
    public static string Link(MailRecord m) => "/oficios/" + string.Join('/', m.IdempotencyKey.Split('/').Select(Uri.EscapeDataString));

    private static bool Matches(MailRecord m, string? text) =>
        text is null
        || Number(m).Contains(text, StringComparison.OrdinalIgnoreCase)
        || (m.OficioNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) == text)
        || m.Subject.Contains(text, StringComparison.OrdinalIgnoreCase)
        || m.Recipients.Any(r => r.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Address.Contains(text, StringComparison.OrdinalIgnoreCase));
}
