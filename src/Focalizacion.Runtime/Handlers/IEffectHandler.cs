using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Runtime.Handlers;

/// <summary>
/// A named activity behaviour behind service tasks (send an oficio, apply the fallback).
/// </summary>
/// <remarks>
/// Delivery is at-least-once: after a crash between the handler's success and the outbox commit,
/// the handler runs again with the same <see cref="EffectRequest.Key"/>. A handler makes its
/// effect happen once by keying it on that value (a unique row, an email Message-ID).
/// A thrown exception is a failed attempt: retried with backoff, then an incident.
/// </remarks>
public interface IEffectHandler
{
    /// <summary>The name BPMN service tasks bind to (<c>foc:handler</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The settings its tasks take (<c>foc:tipo</c>…), with what each accepts: checked at import,
    /// so a definition that imports is one whose every effect can run.
    /// </summary>
    IReadOnlyList<SettingSpec> Settings { get; }

    /// <summary>Performs the effect; the returned object's properties become instance variables.</summary>
    Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken);
}
