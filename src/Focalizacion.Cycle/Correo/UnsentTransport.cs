using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Takes every message and delivers none: what a simulation that sends nothing uses (<c>simular</c>
/// without <c>--smtp</c>, and the API's and the designer's simulations, always). The message is
/// composed as for a real send, with its attachments, and then dropped.
/// </summary>
/// <remarks>
/// It used to be a pickup folder of the simulation's own, deleted when it ended: every message
/// written to disk only to be removed, which cost a simulation of the sixteen regions a tenth of
/// its CPU in file creation. Nothing of a simulation's result comes from those files.
/// </remarks>
public sealed class UnsentTransport : IMailTransport
{
    /// <summary>What the message's record says the "server" answered.</summary>
    public const string Reply = "no enviado: simulación";

    public static UnsentTransport Instance { get; } = new();

    private UnsentTransport()
    {
    }

    public Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accepted);
        return accepted(Reply);
    }
}
