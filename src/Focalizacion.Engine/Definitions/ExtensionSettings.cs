using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// The read-only settings of a node, equal to other settings with the same pairs. A plain
/// dictionary compares by reference, which would make two imports of the same file, or two
/// identical nodes, unequal records.
/// </summary>
internal sealed class ExtensionSettings(IReadOnlyDictionary<string, string> values) : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values = new(values, StringComparer.Ordinal);

    public static ExtensionSettings Empty { get; } = new(new Dictionary<string, string>());

    public string this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<string> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(object? obj) =>
        obj is ExtensionSettings other
        && other.Count == Count
        && _values.All(pair => other._values.TryGetValue(pair.Key, out var value) && value == pair.Value);

    // Order-independent, like Equals.
    public override int GetHashCode() => _values.Aggregate(Count, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value));

    public override string ToString() => "{" + string.Join(", ", _values.Select(pair => $"{pair.Key}={pair.Value}")) + "}";
}
