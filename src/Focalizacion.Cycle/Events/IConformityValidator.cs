using Focalizacion.Calendar;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// Decides whether a received focalización final meets the requirements (ficha E, Formulario H and
/// A1, the acta CORE). The port the workflow's «¿Revisión ya declarada?» and «¿Cumple los
/// requisitos?» decisions depend on, asked by <see cref="CycleEventRecorder"/> for two events:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="CycleEvent.FinalRecibida"/>: the verdict the workflow reads at once, or
/// <see cref="ConformityVerdict.PendingReview"/> when Sercotec must review the final first (it then waits at
/// «Sercotec revisa la focalización final»).</item>
/// <item><see cref="CycleEvent.RevisionRegistrada"/>: the automatic verdict on the final under review,
/// or none; when there is one and the reviewer's <c>conforme</c> differs, the review needs a
/// <c>motivo</c>.</item>
/// </list>
/// A verdict's observations are what the oficio lists when the event brings none of its own. Today
/// the document is not read: <see cref="DeclaredConformity"/> takes the declared flag and gives no
/// automatic verdict. A validator that reads the submitted document (by <c>focalizacion</c>, or the
/// region's latest version of the year) replaces it without changing the workflow.
/// </remarks>
public interface IConformityValidator
{
    /// <summary>The verdict on <paramref name="submission"/>; a failure is a Spanish refusal naming the field (nothing is recorded).</summary>
    Task<Result<ConformityVerdict>> ValidateAsync(ConformitySubmission submission, CancellationToken cancellationToken = default);
}
