using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Calendar.Tests;

/// <summary>Reads the ISO dates that test tables are written with.</summary>
internal static class Dates
{
    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();
}
