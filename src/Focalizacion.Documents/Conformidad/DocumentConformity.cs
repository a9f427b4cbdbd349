using Focalizacion.Calendar;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;

namespace Focalizacion.Documents.Conformidad;

/// <summary>
/// The conformity port read from the submitted document: the verdict of <see cref="ConformityCheck"/>
/// as it was stored with the version (<see cref="FocalizacionVersion.Observations"/>), not a flag
/// someone declares. A final that references its version waits for Sercotec's review carrying that
/// result; the review is compared with it (overriding it needs a <c>motivo</c>) and, when it finds the
/// final wanting without observations of its own, the ajuste oficio lists the rules' failures. A
/// final or review with no document (the CLI, a declared <c>conforme</c>) is taken as declared.
/// </summary>
/// <remarks>Reads with the owner's store: it is asked after the policy layer allowed the event.</remarks>
public sealed class DocumentConformity(FocalizacionVersions versions) : IConformityValidator
{
    private readonly DeclaredConformity _declared = new();

    public async Task<Result<ConformityVerdict>> ValidateAsync(ConformitySubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var region = submission.Region.IsoSuffix;
        if (submission.Event == CycleEvent.FinalRecibida)
        {
            if (DeclaredConformity.Declared(submission.Data) is not null || submission.Data[DeclaredConformity.DocumentField] is not { } reference)
            {
                return await _declared.ValidateAsync(submission, cancellationToken);
            }
            var version = await versions.FindAsync(reference.GetValue<long>(), cancellationToken);
            if (version is null || version.Region != region || version.BudgetYear != submission.BudgetYear || version.Stage != Stage.Final)
            {
                return Result<ConformityVerdict>.Fail(
                    $"datos.{DeclaredConformity.DocumentField}: no hay una focalización final enviada con ese número para la región {region} y el año presupuestario {submission.BudgetYear}");
            }
            return Result<ConformityVerdict>.Ok(new ConformityVerdict(null, Failures(version)));
        }
        if (submission.Event == CycleEvent.RevisionRegistrada
            && await versions.LatestAsync(region, submission.BudgetYear, Stage.Final, cancellationToken) is { } reviewed)
        {
            return Result<ConformityVerdict>.Ok(new ConformityVerdict(reviewed.Conforms, Failures(reviewed)));
        }
        return await _declared.ValidateAsync(submission, cancellationToken);
    }

    /// <summary>The failed requirements of <paramref name="version"/>, as the ajuste oficio lists them (notes are not problems).</summary>
    public static IReadOnlyList<string> Failures(FocalizacionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return [.. version.Observations.Where(o => o.Kind == ObservationKind.Incumplimiento).Select(o => o.Message.Length > EventField.MaxObservation ? o.Message[..EventField.MaxObservation] : o.Message).Take(EventField.MaxObservations)];
    }
}
