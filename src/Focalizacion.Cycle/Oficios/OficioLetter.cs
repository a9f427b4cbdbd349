using NodaTime;

namespace Focalizacion.Cycle.Oficios;

/// <summary>What an oficio's PDF shows (<see cref="OficioPdf"/>).</summary>
/// <param name="Number">Its number in its issuer's series.</param>
/// <param name="Issuer">The issuing office as the letter names it (<see cref="OficioIssuer.DisplayName"/>).</param>
/// <param name="IssuedAt">When it was issued: the PDF's creation date, so the same oficio always gives the same bytes.</param>
/// <param name="Text">
/// The letter as its email's plain-text part has it (number, place and date, recipients, body and
/// closing, from the admin-editable template): the PDF adds only the letterhead and the signature block,
/// so it can never say something the email does not.
/// </param>
public sealed record OficioLetter(OficioNumber Number, string Issuer, Instant IssuedAt, string Text)
{
    /// <summary>The file name it is attached and downloaded with: <c>oficio-12-2026.pdf</c>.</summary>
    public string FileName => FileNameOf(Number);

    /// <summary>The file name of the PDF of oficio <paramref name="number"/>.</summary>
    public static string FileNameOf(OficioNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return $"oficio-{number.Number}-{number.Year}.pdf";
    }
}
