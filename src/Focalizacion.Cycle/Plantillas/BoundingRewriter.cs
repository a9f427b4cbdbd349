using Fluid;
using Fluid.Ast;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Rewrites a parsed part so that its render stays within <see cref="TemplateLimits"/>: every
/// range becomes a <see cref="BoundedRangeExpression"/> and every capture a
/// <see cref="BoundedCaptureStatement"/>, and it notes the filters nobody registered.
/// </summary>
/// <remarks>
/// Fluid's <see cref="AstRewriter"/> does not look inside <c>[…]</c> indexes, where
/// <c>a[(1..20000000)]</c> built the whole list (and an error message from it, 3 GB), so member
/// expressions are rewritten here segment by segment.
/// </remarks>
internal sealed class BoundingRewriter(FilterCollection filters) : AstRewriter
{
    /// <summary>The filter names the part uses that are not registered, sorted.</summary>
    public SortedSet<string> UnknownFilters { get; } = new(StringComparer.Ordinal);

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        var range = (RangeExpression)base.VisitRangeExpression(rangeExpression);
        return new BoundedRangeExpression(range.From, range.To);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        var capture = (CaptureStatement)base.VisitCaptureStatement(captureStatement);
        return new BoundedCaptureStatement(capture.Identifier, capture.Statements);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var visited = base.VisitMemberExpression(memberExpression);
        if (visited is not MemberExpression member)
        {
            return visited;
        }
        MemberSegment[]? segments = null;
        for (var i = 0; i < member.Segments.Count; i++)
        {
            if (member.Segments[i] is IndexerSegment indexer && Visit(indexer.Expression) is var index && !ReferenceEquals(index, indexer.Expression))
            {
                segments ??= [.. member.Segments];
                segments[i] = new IndexerSegment(index);
            }
        }
        return segments is null ? member : new MemberExpression(segments);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!filters.TryGetValue(filterExpression.Name, out _))
        {
            UnknownFilters.Add(filterExpression.Name);
        }
        return base.VisitFilterExpression(filterExpression);
    }
}
