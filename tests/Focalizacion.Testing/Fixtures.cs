namespace Focalizacion.Testing;

/// <summary>The BPMN files tests share, copied next to every test assembly under <c>Fixtures/</c>.</summary>
public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>The file's bytes, as an upload has them.</summary>
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
