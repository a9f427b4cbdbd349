namespace Focalizacion.Cycle.Oficios;

/// <summary>An oficio's number within its issuing office's series for one calendar year ("Oficio N° 12/2026").</summary>
/// <param name="Number">1, 2, … within the series.</param>
/// <param name="Year">The calendar year of issue (mainland Chilean time).</param>
public sealed record OficioNumber(int Number, int Year);
