using NodaTime;

namespace Focalizacion.Calendar.Holidays;

/// <summary>
/// The instant of the June (southern winter) solstice, for the Día Nacional de los Pueblos Indígenas
/// (Ley 21.357), which falls on the day of the solstice in Chile.
/// </summary>
/// <remarks>
/// Meeus, <i>Astronomical Algorithms</i> (2nd ed.), chapter 27: the mean solstice of table 27.B
/// corrected by the 24 periodic terms of table 27.C, accurate to about a minute for 2000–2100,
/// then converted from Terrestrial Time to UT with the Espenak–Meeus ΔT polynomials. The closest
/// approach of any solstice of 2021–2100 to midnight in Chile is kept as a test, so a year whose
/// date this accuracy could get wrong cannot slip through unnoticed.
/// </remarks>
internal static class JuneSolstice
{
    private static readonly (double A, double B, double C)[] PeriodicTerms =
    [
        (485, 324.96, 1934.136), (203, 337.23, 32964.467), (199, 342.08, 20.186), (182, 27.85, 445267.112),
        (156, 73.14, 45036.886), (136, 171.52, 22518.443), (77, 222.54, 65928.934), (74, 296.72, 3034.906),
        (70, 243.58, 9037.513), (58, 119.81, 33718.147), (52, 297.17, 150.678), (50, 21.02, 2281.226),
        (45, 247.54, 29929.562), (44, 325.15, 31555.956), (29, 60.93, 4443.417), (18, 155.12, 67555.328),
        (17, 288.79, 4562.452), (16, 198.04, 62894.029), (14, 199.76, 31436.921), (12, 95.39, 14577.848),
        (12, 287.11, 31931.756), (12, 320.81, 34777.259), (9, 227.73, 1222.114), (8, 15.45, 16859.074),
    ];

    private const double JulianDayOfUnixEpoch = 2440587.5;

    public static Instant Of(int year)
    {
        double y = (year - 2000) / 1000.0;
        double jde0 = 2451716.56767 + (365241.62603 * y) + (0.00325 * y * y) + (0.00888 * y * y * y) - (0.00030 * y * y * y * y);
        double t = (jde0 - 2451545.0) / 36525;
        double w = Radians((35999.373 * t) - 2.47);
        double deltaLambda = 1 + (0.0334 * Math.Cos(w)) + (0.0007 * Math.Cos(2 * w));
        double s = 0;
        foreach (var (a, b, c) in PeriodicTerms)
        {
            s += a * Math.Cos(Radians(b + (c * t)));
        }
        double jde = jde0 + (0.00001 * s / deltaLambda);
        double julianDayUt = jde - (DeltaTSeconds(year) / 86400.0);
        return Instant.FromUnixTimeTicks((long)Math.Round((julianDayUt - JulianDayOfUnixEpoch) * NodaConstants.TicksPerDay));
    }

    /// <summary>TT − UT in seconds (Espenak and Meeus, NASA eclipse polynomials).</summary>
    private static double DeltaTSeconds(int year)
    {
        double yearFraction = year + 0.47; // the solstice is about 47 % into the year
        if (yearFraction < 2050)
        {
            double t = yearFraction - 2000;
            return 62.92 + (0.32217 * t) + (0.005589 * t * t);
        }
        double u = (yearFraction - 1820) / 100;
        return -20 + (32 * u * u) - (0.5628 * (2150 - yearFraction));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
