using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Focalizacion.Testing.Oidc;

/// <summary>
/// A person who can log in to a <see cref="LoopbackOidcProvider"/>, as ClaveÚnica knows them.
/// <paramref name="Run"/> is written with or without dots ("44.444.444-4", "44444444-4");
/// <paramref name="Nombres"/> and <paramref name="Apellidos"/> are split on spaces into the
/// lists ClaveÚnica returns, so a compound surname cannot be told apart from two.
/// </summary>
public sealed record OidcPerson(string Run, string Nombres, string Apellidos, string? Email, string Password)
{
    /// <summary>The RUN's number, without dots or check digit.</summary>
    public int Numero => Parse(Run).Numero;

    /// <summary>The RUN's check digit ("0"–"9" or "K").</summary>
    public string DV => Parse(Run).DV;

    /// <summary>
    /// The opaque <c>sub</c> the provider gives this person: derived from the RUN alone, so it is
    /// the same in every run of the tests and on every provider, but carries no RUN a client could read.
    /// </summary>
    public string Subject
    {
        get
        {
            var (numero, dv) = Parse(Run);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"sub:{numero}-{dv}"));
            return BitConverter.ToUInt64(hash, 0).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The RUN as the login form compares it: "44444444-4".</summary>
    internal static string NormalizeRun(string run)
    {
        var (numero, dv) = Parse(run);
        return $"{numero}-{dv}";
    }

    private static (int Numero, string DV) Parse(string run)
    {
        var parts = run.Replace(".", "", StringComparison.Ordinal).Trim().Split('-');
        if (parts.Length != 2 || parts[1].Length != 1
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var numero))
        {
            throw new FormatException($"«{run}» is not a RUN like 44.444.444-4.");
        }
        return (numero, parts[1].ToUpperInvariant());
    }
}
