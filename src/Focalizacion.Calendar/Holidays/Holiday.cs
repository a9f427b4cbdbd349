using NodaTime;

namespace Focalizacion.Calendar.Holidays;

/// <summary>A public holiday ("feriado"): a non-business day for every public service in its scope.</summary>
/// <param name="Date">The local date of the holiday.</param>
/// <param name="Name">Its name in Spanish, as the law or custom calls it.</param>
/// <param name="LegalBasis">The law that makes it a holiday ("Ley 19.668").</param>
/// <param name="Scope">National, or regional.</param>
/// <param name="RegionIsoSuffix">For a regional holiday, the ISO suffix of its region; otherwise null.</param>
public sealed record Holiday(LocalDate Date, string Name, string LegalBasis, HolidayScope Scope, string? RegionIsoSuffix = null)
{
    public static Holiday National(LocalDate date, string name, string legalBasis) =>
        new(date, name, legalBasis, HolidayScope.National);

    public static Holiday Regional(LocalDate date, string name, string legalBasis, string regionIsoSuffix) =>
        new(date, name, legalBasis, HolidayScope.Regional, regionIsoSuffix);

    /// <summary>Whether this holiday is a day off in the given region.</summary>
    public bool AppliesTo(string regionIsoSuffix) => Scope == HolidayScope.National || RegionIsoSuffix == regionIsoSuffix;
}
