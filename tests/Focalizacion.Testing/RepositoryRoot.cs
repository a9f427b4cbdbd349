namespace Focalizacion.Testing;

/// <summary>The checkout the tests run from: the folder holding <c>Focalizacion.Workflows.sln</c>, above the test's binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the checkout, from its parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Focalizacion.Workflows.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Focalizacion.Workflows.sln above {AppContext.BaseDirectory}");
    }
}
