using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;

namespace Focalizacion.Cycle.Events;

/// <summary>The conformity a reviewer declared: the submission's <c>conforme</c> field, true or false.</summary>
public sealed class DeclaredConformity : IConformityValidator
{
    public const string Field = "conforme";

    public Result<bool> Validate(JsonObject? submission) =>
        submission?[Field] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? Result<bool>.Ok(value.GetValue<bool>())
            : Result<bool>.Fail($"falta el campo «{Field}» (true o false): indica si la focalización final cumple los requisitos");
}
