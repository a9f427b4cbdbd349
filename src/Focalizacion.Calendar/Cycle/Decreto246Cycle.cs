using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Plazos;
using NodaTime;

namespace Focalizacion.Calendar.Cycle;

/// <summary>
/// The legal deadlines of the Focalización Regional cycle (Decreto 246 and the Reglamento approved
/// by Resolución N° 10.080 of 2021), written in the plazo-rule language: the law's reference.
/// </summary>
/// <remarks>
/// Running cycles never read these rules: each instance's deadlines are the named plazos of the
/// workflow version it is pinned to (the cycle's <c>CyclePlan</c>). This table is what the law
/// says, for the <c>plazos</c> verb and for the test that the shipped workflow says the same.
/// For budget year Y every date is in Y−1. Where the 2020 guide and the Reglamento differ (montos
/// preliminares: 30 November in the guide), the Reglamento wins. No rule here rolls forward: the
/// date is the one the Reglamento writes, and the roll-forward alternative is shown beside it.
/// </remarks>
public static class Decreto246Cycle
{
    /// <summary>The event whose date starts Sercotec's 15 días corridos for its observations.</summary>
    public const string PreliminaryReceivedEvent = "focalizacion-preliminar-recibida";

    public static IReadOnlyList<CycleMilestone> Milestones { get; } =
    [
        Milestone("oficio-inicio", "Oficio de inicio", "Oficio de inicio del ejercicio de focalización, con plazos, requisitos técnicos y material de apoyo",
            "Sercotec", "15 de marzo", "1 de marzo", "Reglamento §8: «durante la primera quincena del mes de marzo»"),
        Milestone("presupuesto-exploratorio", "Presupuesto exploratorio", "Oficio con el presupuesto exploratorio por instrumento",
            "Sercotec", "30 de junio", "16 de junio", "Reglamento §8: «durante la última quincena del mes de junio»"),
        Milestone("focalizacion-preliminar", "Focalización preliminar", "Focalización preliminar enviada por oficio a la Gerencia General de Sercotec",
            "GORE", "15 de noviembre", null, "Reglamento §8: «dentro de la primera quincena del mes de noviembre»"),
        Milestone("observaciones-sercotec", "Observaciones de Sercotec", "Observaciones y asistencia técnica de Sercotec, por oficio al Gobernador Regional",
            "Sercotec", $"15 días corridos desde el evento {PreliminaryReceivedEvent}", null,
            "Reglamento §8: «dentro de los 15 días corridos siguientes a recibir la focalización preliminar»"),
        Milestone("montos-preliminares", "Montos preliminares", "Montos preliminares por instrumento, coherentes con el proyecto de ley de presupuestos",
            "Sercotec", "primer día hábil de diciembre", null, "Reglamento §8: «a más tardar el primer día hábil de diciembre»"),
        Milestone("focalizacion-final", "Focalización final", "Focalización final con la aprobación del Consejo Regional (acta o acuerdo CORE)",
            "GORE", "30 de diciembre", null, "Reglamento §8: «el plazo máximo ... será el día 30 de diciembre»"),
    ];

    /// <summary>The milestones' rules by key, for rules that refer to another plazo.</summary>
    public static IReadOnlyDictionary<string, PlazoRule> Rules { get; } = Milestones.ToDictionary(m => m.Key, m => m.Rule);

    /// <summary>
    /// The cycle's deadlines for one region and budget year. A milestone that counts from an event
    /// not yet recorded is left out (its deadline does not exist yet).
    /// </summary>
    public static IReadOnlyList<CycleDeadline> Deadlines(BusinessCalendar calendar, int budgetYear, IReadOnlyDictionary<string, LocalDate> events) =>
        CycleDeadline.Evaluate(Milestones, calendar, budgetYear, events, Rules);

    private static CycleMilestone Milestone(string key, string name, string description, string owner, string rule, string? windowStart, string source) =>
        new(key, description, owner, ParseShipped(rule), windowStart is null ? null : ParseShipped(windowStart), source) { Name = name };

    private static PlazoRule ParseShipped(string text)
    {
        var rule = PlazoRule.Parse(text);
        return rule.Success ? rule.Value : throw new InvalidOperationException($"Shipped rule «{text}» does not parse: {rule}");
    }
}
