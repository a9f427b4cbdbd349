using System.Text.Json.Nodes;
using Focalizacion.Calendar;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// Decides whether a received focalización final meets the requirements (ficha E, Formulario H and
/// A1, the acta CORE). The port the workflow's «¿Cumple los requisitos?» decision depends on.
/// </summary>
/// <remarks>
/// Today the document is not read: <see cref="DeclaredConformity"/> takes the reviewer's flag. A later
/// validator checks the document itself; the workflow does not change, it only reads <c>conforme</c>.
/// </remarks>
public interface IConformityValidator
{
    /// <summary>True when the final conforms; a failure names what is missing in the submission.</summary>
    Result<bool> Validate(JsonObject? submission);
}
