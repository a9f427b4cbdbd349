using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Cycle.Plan;

/// <summary>Which version of the cycle workflow a new cycle starts with, and its plan.</summary>
public static class CycleVersions
{
    /// <summary>
    /// The newest published version of the cycle process (its row id and plan); before any is
    /// published, the shipped file's plan with no id, so the audit view still shows the deadlines
    /// a start would use.
    /// </summary>
    public static async Task<(long? DefinitionId, CyclePlan Plan)> ToStartAsync(EngineRuntime runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        long id;
        await using (var db = runtime.Store.Open())
        {
            id = await db.Definitions.Where(d => d.ProcessKey == ShippedWorkflow.ProcessKey && d.Status == DefinitionStatus.Published)
                .OrderByDescending(d => d.Version).Select(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (id != 0)
        {
            return (id, CyclePlan.Of(await runtime.Definitions.ParsedAsync(id, cancellationToken)));
        }
        var shipped = runtime.Definitions.Validate(ShippedWorkflow.Bpmn.ToArray()).Definition
            ?? throw new InvalidOperationException("The shipped workflow does not import.");
        return (null, CyclePlan.Of(shipped));
    }
}
