using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using NodaTime;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Gives each step of an SMTP conversation its own timeout (<see cref="SmtpTimeouts"/>), by
/// following the conversation as MailKit's protocol logger and setting the client's timeout for
/// what comes next.
/// </summary>
/// <remarks>
/// MailKit has one timeout for every socket read and write (<see cref="SmtpClient.Timeout"/>), and
/// its socket stream reads it again at each operation. It hands its protocol logger each command
/// right after writing it and each reply right after reading it, before acting on either; so a
/// timeout set here when MAIL goes out is the one the wait for MAIL's answer gets, one set when 354
/// comes in is the one the data's writes get, and one set when the final "." goes out is the one
/// the wait for the end-of-data answer gets. A timeout set while MailKit is still connecting only
/// takes effect once it is connected, so the EHLO and STARTTLS of connecting wait as long as the
/// greeting (<see cref="SmtpTimeouts.Greeting"/>). Nothing is logged: the logger only looks at the
/// verbs and reply codes (AUTH lines are never kept).
/// </remarks>
internal sealed class SmtpStepTimer(SmtpTimeouts timeouts) : IProtocolLogger
{
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private readonly byte[] _tail = new byte[EndOfData.Length];
    private SmtpClient? _client;
    private Step _step = Step.Commands;
    private int _tailLength;
    private string _partialReply = "";

    private enum Step
    {
        /// <summary>Commands and their answers.</summary>
        Commands,

        /// <summary>DATA went out; its 354 has not come in yet.</summary>
        DataInitiation,

        /// <summary>After 354: the client writes the message until the line with a single ".".</summary>
        Data,

        /// <summary>BDAT went out with its chunk: what the client writes is data, until the server answers.</summary>
        Chunk,
    }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>Starts timing <paramref name="client"/>: connecting and its greeting get <see cref="SmtpTimeouts.Greeting"/>.</summary>
    public void Attach(SmtpClient client)
    {
        _client = client;
        Set(timeouts.Greeting);
    }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        var written = buffer.AsSpan(offset, count);
        switch (_step)
        {
            case Step.Data:
                if (EndsTheData(written))
                {
                    _step = Step.Commands;
                    Set(timeouts.DataTermination);
                }
                return;
            case Step.Chunk:
                return;
        }
        Duration? timeout = null;
        foreach (var line in Encoding.ASCII.GetString(written).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var (wait, step) = Verb(line) switch
            {
                "MAIL" => (timeouts.Mail, Step.Commands),
                "RCPT" => (timeouts.Recipient, Step.Commands),
                "DATA" => (timeouts.DataInitiation, Step.DataInitiation),
                "BDAT" => (timeouts.DataTermination, Step.Chunk),
                _ => (timeouts.Command, Step.Commands),
            };
            // Pipelined commands (MAIL and every RCPT in one write) wait as long as the slowest may.
            timeout = timeout is { } longest && longest > wait ? longest : wait;
            _step = step;
            if (step == Step.Chunk)
            {
                break; // the rest of the write is the chunk's bytes
            }
        }
        if (timeout is { } next)
        {
            Set(next);
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        switch (_step)
        {
            case Step.Chunk:
                _step = Step.Commands;
                return;
            case not Step.DataInitiation:
                return;
        }
        // Answers to pipelined MAIL and RCPT may come before 354, and a read may end mid-line.
        var text = _partialReply + Encoding.ASCII.GetString(buffer, offset, count);
        var end = text.LastIndexOf("\r\n", StringComparison.Ordinal);
        _partialReply = end < 0 ? text : text[(end + 2)..];
        if (text.Split("\r\n").SkipLast(1).Any(line => line.StartsWith("354", StringComparison.Ordinal)))
        {
            _step = Step.Data;
            _tailLength = 0;
            _partialReply = "";
            Set(timeouts.DataBlock);
        }
    }

    public void Dispose()
    {
    }

    private static string Verb(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? line : line[..space]).ToUpperInvariant();
    }

    /// <summary>Whether everything written in the data step so far ends with CRLF "." CRLF, which only the end of the data does (lines starting with "." are doubled).</summary>
    private bool EndsTheData(ReadOnlySpan<byte> written)
    {
        if (written.Length >= _tail.Length)
        {
            written[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
        }
        else
        {
            var kept = Math.Min(_tailLength, _tail.Length - written.Length);
            _tail.AsSpan(_tailLength - kept, kept).CopyTo(_tail);
            written.CopyTo(_tail.AsSpan(kept));
            _tailLength = kept + written.Length;
        }
        return _tailLength == _tail.Length && _tail.AsSpan().SequenceEqual(EndOfData);
    }

    private void Set(Duration timeout)
    {
        if (_client is not null)
        {
            _client.Timeout = SmtpTimeouts.Milliseconds(timeout);
        }
    }
}
