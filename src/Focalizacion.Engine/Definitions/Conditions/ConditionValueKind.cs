namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>The types a condition compares; values of different kinds are never equal nor ordered.</summary>
internal enum ConditionValueKind
{
    Null,
    Boolean,
    Number,
    Text,

    /// <summary>A JSON object or array, or a number too large for a decimal: only ever compared with null.</summary>
    Other,
}
