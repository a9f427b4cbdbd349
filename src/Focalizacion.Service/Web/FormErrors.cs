namespace Focalizacion.Service.Web;

/// <summary>
/// A form's problems by field, from the domain's "campo: motivo" messages (the same the API
/// answers with): each shown beside its field, and all listed at the top of the form.
/// </summary>
internal sealed class FormErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    public int Count => _byField.Count;

    public IEnumerable<KeyValuePair<string, string>> All => _byField;

    public bool Has(string field) => _byField.ContainsKey(field);

    public string? Of(string field) => _byField.GetValueOrDefault(field);

    /// <summary>Adds <paramref name="detail"/> to <paramref name="field"/>.</summary>
    public void Add(string field, string detail) => _byField[field] = detail;

    /// <summary>Adds a "campo: motivo" problem under its field (or "formulario" when it names none).</summary>
    public void Add(string problem)
    {
        var (field, detail) = ApiProblems.Split(problem);
        Add(field == "cuerpo" ? "formulario" : field, detail);
    }
}
