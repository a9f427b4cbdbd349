using System.Diagnostics;
using System.Globalization;
using MimeKit;

namespace Focalizacion.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 (<c>Smtp/smtp_sink.py</c>, on Debian's python3-aiosmtpd) that
/// writes every accepted message to a folder before answering 250. <see cref="StopAsync"/> and
/// <see cref="StartAsync()"/> take it down and bring it back on the same port, to test outages;
/// <see cref="AnswerLate"/>, <see cref="DropConnectionOn"/> and <see cref="RefuseConnections"/> make
/// it misbehave as slow, broken or refusing servers do.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has python3-aiosmtpd (a pyenv shim on PATH may not).</summary>
    private const string Python = "/usr/bin/python3";

    private readonly Dictionary<string, TimeSpan> _delays = [];
    private readonly SortedSet<string> _drops = new(StringComparer.Ordinal);
    private Process? _process;

    private SmtpSink(string folder) => Folder = folder;

    /// <summary>Where received messages are written, one <c>.eml</c> file each.</summary>
    public string Folder { get; }

    public int Port { get; private set; }

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts a sink on a free port with a fresh folder.</summary>
    public static async Task<SmtpSink> StartNewAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smtp-sink-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var sink = new SmtpSink(folder);
        await sink.StartAsync();
        return sink;
    }

    /// <summary>Starts the server (again): on the port it had before, or a free one the first time.</summary>
    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }
        var script = Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_sink.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Folder);
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The SMTP sink did not report its port: {line} {error}");
        }
        Port = port;
        _process = process;
    }

    /// <summary>Kills the server and waits until it has exited: connections are refused until <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The messages received so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();

    /// <summary>
    /// Hold mode: once the folder holds <paramref name="stored"/> messages, the next one is not answered
    /// until <see cref="Release"/>; if its client is gone by then, it is discarded.
    /// </summary>
    public void HoldFrom(int stored) => File.WriteAllText(Path.Combine(Folder, "retener"), stored.ToString(CultureInfo.InvariantCulture));

    public void Release() => File.Delete(Path.Combine(Folder, "retener"));

    /// <summary>
    /// From now on the server answers <paramref name="command"/> (EHLO, MAIL, RCPT, DATA: the end of
    /// the data, after storing the message; QUIT) <paramref name="delay"/> late, until <see cref="AnswerOnTime"/>.
    /// </summary>
    public void AnswerLate(string command, TimeSpan delay)
    {
        _delays[command.ToUpperInvariant()] = delay;
        WriteControl("demorar", _delays.Select(d => $"{d.Key} {d.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>Every command is answered at once again.</summary>
    public void AnswerOnTime()
    {
        _delays.Clear();
        File.Delete(Path.Combine(Folder, "demorar"));
    }

    /// <summary>From now on the server closes the connection instead of answering <paramref name="command"/> (for DATA, without storing the message).</summary>
    public void DropConnectionOn(string command)
    {
        _drops.Add(command.ToUpperInvariant());
        WriteControl("cortar", _drops);
    }

    /// <summary>From now on every connection is greeted with <paramref name="greeting"/> and closed: a server that refuses mail, until <see cref="AcceptConnections"/>.</summary>
    public void RefuseConnections(string greeting = "421 4.3.2 Service not available") => WriteControl("rechazar", [greeting]);

    public void AcceptConnections() => File.Delete(Path.Combine(Folder, "rechazar"));

    /// <summary>Waits (polling, at most a minute) for the server to hold back an answer (<see cref="AnswerLate"/>); the command it delays.</summary>
    public Task<string> DelayedAsync() => MarkerAsync("demorado");

    /// <summary>Waits (polling, at most a minute) for the server to hold a message; its Message-ID.</summary>
    public Task<string> HeldAsync() => MarkerAsync("retenido");

    /// <summary>Waits (polling, at most a minute) for the server to discard the held message; its Message-ID.</summary>
    public Task<string> DiscardedAsync() => MarkerAsync("descartado");

    /// <summary>Writes a control file whole (aside, then renamed): the server reads them while it runs.</summary>
    private void WriteControl(string name, IEnumerable<string> lines)
    {
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
    }

    private async Task<string> MarkerAsync(string name)
    {
        var path = Path.Combine(Folder, name);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline || !Running)
            {
                throw new TimeoutException($"The SMTP sink did not write «{name}».");
            }
            await Task.Delay(20);
        }
        return (await File.ReadAllTextAsync(path)).Trim().Trim('<', '>');
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
