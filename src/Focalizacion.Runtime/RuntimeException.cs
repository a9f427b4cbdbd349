namespace Focalizacion.Runtime;

/// <summary>A request the runtime cannot honour (unknown definition, no published version); the message is Spanish, for the user.</summary>
public sealed class RuntimeException(string message) : Exception(message);
