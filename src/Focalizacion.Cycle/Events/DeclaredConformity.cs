using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// The conformity that was declared, with no automatic verdict: a final's <c>conforme</c> (true or
/// false) when it carries one; a final that references its document (<c>focalizacion</c>) without
/// one waits for Sercotec's review; a final with neither is refused. A review is never compared
/// with anything. The default of the CLI, the simulation and the service.
/// </summary>
public sealed class DeclaredConformity : IConformityValidator
{
    public const string Field = "conforme";

    /// <summary>The submitted document version a final references.</summary>
    public const string DocumentField = "focalizacion";

    /// <summary>Why a review departs from the automatic result.</summary>
    public const string ReasonField = "motivo";

    public Task<Result<ConformityVerdict>> ValidateAsync(ConformitySubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Event != CycleEvent.FinalRecibida)
        {
            return Task.FromResult(Result<ConformityVerdict>.Ok(ConformityVerdict.PendingReview));
        }
        return Task.FromResult(Declared(submission.Data) is { } declared ? Result<ConformityVerdict>.Ok(ConformityVerdict.Of(declared))
            : submission.Data.ContainsKey(DocumentField) ? Result<ConformityVerdict>.Ok(ConformityVerdict.PendingReview)
            : Result<ConformityVerdict>.Fail(Missing));
    }

    /// <summary>Why a final with neither <c>conforme</c> nor <c>focalizacion</c> is refused.</summary>
    public static string Missing =>
        $"falta el campo «{Field}» (true o false): indica si la focalización final cumple los requisitos; o «{DocumentField}», la versión enviada, para que Sercotec la revise";

    /// <summary>The data's <c>conforme</c>, when it is true or false.</summary>
    public static bool? Declared(JsonObject? data) =>
        data?[Field] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;
}
