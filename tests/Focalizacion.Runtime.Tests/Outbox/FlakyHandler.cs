using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;

namespace Focalizacion.Runtime.Tests.Outbox;

/// <summary>"registrar-fragil": fails while <see cref="Failing"/> is set, counting every call.</summary>
internal sealed class FlakyHandler : IEffectHandler
{
    public bool Failing { get; set; } = true;

    public List<(string Key, int Attempt)> Calls { get; } = [];

    public string Name => "registrar-fragil";

    public IReadOnlyList<SettingSpec> Settings { get; } = [];

    public Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add((request.Key, request.Attempt));
        }
        return Failing ? throw new InvalidOperationException("servidor de correo no disponible") : Task.FromResult<JsonObject?>(new JsonObject { ["entregado"] = true });
    }
}
