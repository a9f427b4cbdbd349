using System.Collections.Frozen;

namespace Focalizacion.Runtime.Handlers;

/// <summary>The handlers this service offers, by name; definitions naming any other are rejected at import.</summary>
public sealed class HandlerRegistry(IEnumerable<IEffectHandler> handlers)
{
    private readonly FrozenDictionary<string, IEffectHandler> _byName = handlers.ToFrozenDictionary(h => h.Name);


    public IEffectHandler? Find(string name) => _byName.GetValueOrDefault(name);
}
