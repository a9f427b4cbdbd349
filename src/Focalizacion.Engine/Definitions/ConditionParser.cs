using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions;

/// <summary>Reads the condition language of <see cref="Condition"/>. (Placeholder until the importer lands.)</summary>
internal static class ConditionParser
{
    public static Result<Condition> Parse(string text) => Result<Condition>.Fail("sin implementar: " + text, 1);
}
