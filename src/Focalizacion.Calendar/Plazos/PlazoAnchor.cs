namespace Focalizacion.Calendar.Plazos;

/// <summary>The date part of a <see cref="PlazoRule"/>: how its day is found, before options apply.</summary>
public abstract record PlazoAnchor;

/// <summary>A fixed day of a month: "15 de marzo".</summary>
public sealed record FixedDay(int Day, int Month, RuleYear Year) : PlazoAnchor;

/// <summary>The nth business day of a month (negative counts from the end): "primer día hábil de diciembre".</summary>
public sealed record NthBusinessDay(int N, int Month, RuleYear Year) : PlazoAnchor;

/// <summary>
/// A number of days after (or before) a recorded event or another plazo: "15 días corridos desde
/// el evento focalizacion-preliminar-recibida", "7 días antes del plazo focalizacion-final".
/// </summary>
/// <remarks>
/// Counting starts the day after the reference, as Ley 19.880 counts terms. An event that happened
/// on a non-business day counts, for business-day terms, as happening on the next business day
/// (Ley 19.880 art. 25: documents filed on an "inhábil" day count as filed on the next "hábil").
/// </remarks>
public sealed record DayOffset(int Days, DayCount Count, bool Before, ReferenceKind Kind, string Key) : PlazoAnchor;
