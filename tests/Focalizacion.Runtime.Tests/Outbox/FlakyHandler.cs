using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;

namespace Focalizacion.Runtime.Tests.Outbox;

/// <summary>"registrar-fragil": fails while <see cref="Failing"/> is set, counting every call; <see cref="WhileRunning"/> is what else happens meanwhile.</summary>
internal sealed class FlakyHandler : IEffectHandler
{
    public bool Failing { get; set; } = true;

    public List<(string Key, int Attempt)> Calls { get; } = [];

    /// <summary>Awaited during every call, before it succeeds or fails: another actor's doing while the handler runs.</summary>
    public Func<EffectRequest, Task>? WhileRunning { get; set; }

    public string Name => "registrar-fragil";

    public IReadOnlyList<SettingSpec> Settings { get; } = [];

    public async Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add((request.Key, request.Attempt));
        }
        if (WhileRunning is { } meanwhile)
        {
            await meanwhile(request);
        }
        return Failing ? throw new InvalidOperationException("servidor de correo no disponible") : new JsonObject { ["entregado"] = true };
    }
}
