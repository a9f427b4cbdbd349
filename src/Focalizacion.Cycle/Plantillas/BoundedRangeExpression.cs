using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Fluid's range <c>(from..to)</c>, refused past <see cref="TemplateLimits.MaxListItems"/> items
/// before its list is built: Fluid's own builds the whole list first (about 1 GB for
/// <c>(1..20000000)</c>), and only then does the step limit stop the loop over it.
/// </summary>
internal sealed class BoundedRangeExpression(Expression from, Expression to) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var start = (await from.EvaluateAsync(context)).ToNumberValue();
        var end = (await to.EvaluateAsync(context)).ToNumberValue();
        // Fluid rounds each end to an int as Convert.ToInt32 does (to even); counted in decimal so
        // that a huge end is measured, not overflowed.
        var count = decimal.Round(end, MidpointRounding.ToEven) - decimal.Round(start, MidpointRounding.ToEven) + 1;
        if (count > TemplateLimits.MaxListItems)
        {
            throw new TemplateLimitException(
                $"el rango ({start.ToString(CultureInfo.InvariantCulture)}..{end.ToString(CultureInfo.InvariantCulture)}) tiene {AmountFormat.Grouped(count)} elementos; " +
                $"el máximo es {AmountFormat.Grouped(TemplateLimits.MaxListItems)}.");
        }
        if (count <= 0)
        {
            return new ArrayValue([]);
        }
        var first = Convert.ToInt32(start);
        var items = new FluidValue[(int)count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = NumberValue.Create(first + i);
        }
        return new ArrayValue(items);
    }
}
