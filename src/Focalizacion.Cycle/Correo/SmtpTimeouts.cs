using NodaTime;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// How long the SMTP client waits for each step of a send, per RFC 5321 §4.5.3.2: a timer per
/// command and per block of data, never one for the whole transaction. The defaults are the RFC's
/// recommended minimums.
/// </summary>
/// <remarks>
/// The longest wait is the answer to the end of the data: the server may be scanning or relaying
/// the message, and a client that gives up then does not know whether it was delivered, so a retry
/// may deliver it twice (RFC 1047). A send to <c>n</c> recipients can take up to
/// <see cref="Longest"/>; the outbox renews its claim while the send runs, so no other worker
/// starts the same message meanwhile.
/// </remarks>
public sealed record SmtpTimeouts
{
    /// <summary>The RFC's recommended values, the defaults.</summary>
    public static SmtpTimeouts Rfc5321 { get; } = new();

    /// <summary>
    /// Connecting: each wait while MailKit connects, the server's initial 220 greeting (RFC: 5
    /// minutes) and the EHLO and STARTTLS it exchanges before the connection is up, whose
    /// timeout cannot change until then.
    /// </summary>
    public Duration Greeting { get; init; } = Duration.FromMinutes(5);

    /// <summary>The answer to MAIL FROM (RFC: 5 minutes).</summary>
    public Duration Mail { get; init; } = Duration.FromMinutes(5);

    /// <summary>The answer to each RCPT TO (RFC: 5 minutes).</summary>
    public Duration Recipient { get; init; } = Duration.FromMinutes(5);

    /// <summary>The 354 answer to DATA (RFC: 2 minutes).</summary>
    public Duration DataInitiation { get; init; } = Duration.FromMinutes(2);

    /// <summary>Each write of the message's data (RFC: 3 minutes).</summary>
    public Duration DataBlock { get; init; } = Duration.FromMinutes(3);

    /// <summary>The answer to the end of the data, the "250" that means the server took the message (RFC: 10 minutes).</summary>
    public Duration DataTermination { get; init; } = Duration.FromMinutes(10);

    /// <summary>Every other command once connected: AUTH, QUIT (the RFC's 5 minutes for MAIL and RCPT).</summary>
    public Duration Command { get; init; } = Duration.FromMinutes(5);

    /// <summary>
    /// The longest a send of a small message to <paramref name="recipients"/> recipients can wait in
    /// all: the greeting, EHLO, STARTTLS and EHLO again while connecting, AUTH, MAIL, each RCPT,
    /// DATA, one data block, the end of the data and QUIT.
    /// </summary>
    public Duration Longest(int recipients) =>
        Greeting * 4 + Command * 2 + Mail + Recipient * recipients + DataInitiation + DataBlock + DataTermination;

    /// <summary>Every timeout, for the socket: whole milliseconds, at least one.</summary>
    internal static int Milliseconds(Duration timeout) =>
        (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);
}
