namespace Focalizacion.Cli.Arguments;

/// <summary>A command line the user got wrong; its message is one Spanish line for stderr (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
