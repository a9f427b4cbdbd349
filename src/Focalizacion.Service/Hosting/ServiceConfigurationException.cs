namespace Focalizacion.Service.Hosting;

/// <summary>A setting the service cannot start with (a clock that is not an instant, a connection string that is not one); the message is Spanish and names the variable.</summary>
internal sealed class ServiceConfigurationException(string message) : Exception(message);
