using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Service.Tests;

/// <summary>
/// The built <c>focalizacion-servicio</c> running as its own process on a free loopback port,
/// as operators run it; killed (with its children) on dispose. Its output is kept for failures.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>Bounds every wait on the process: a start-up that needs longer is a failure.</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>What the process printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="connectionString">The database the service uses.</param>
    /// <param name="environment">Extra environment variables (a fixed clock, the mail pickup folder).</param>
    /// <param name="port">The port to listen on (one <see cref="FreePort"/> gave, when another party must know the address first); a free one otherwise.</param>
    public static ServiceProcess Start(string connectionString, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "focalizacion-servicio.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["FOCALIZACION_DB"] = connectionString;
        // The role that serves users and the engine's, on the same server and database (a test may override them).
        start.Environment["FOCALIZACION_DB_API"] = LocalRole(connectionString, "focalizacion_api");
        start.Environment["FOCALIZACION_DB_MOTOR"] = LocalRole(connectionString, MotorRole);
        start.Environment.Remove("FOCALIZACION_RELOJ");
        start.Environment.Remove("ASPNETCORE_URLS");
        // Seconds of both cores per start, which most tests do not need (SimulationWarmUpTests turns it on).
        start.Environment[Hosting.ServiceSettings.SimulationWarmUpVariable] = "no";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var service = new ServiceProcess(new Process { StartInfo = start }, address);
        service._process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        service._process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>
    /// The service on <paramref name="connectionString"/>, its clock starting at <paramref name="clock"/>
    /// (<c>FOCALIZACION_RELOJ</c>) and its mail written to <paramref name="mailFolder"/>, once it says it is ready;
    /// <paramref name="environment"/> adds to (or overrides) its variables.
    /// </summary>
    public static async Task<ServiceProcess> StartReadyAsync(string connectionString, OffsetDateTime clock, string mailFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["FOCALIZACION_RELOJ"] = OffsetDateTimePattern.ExtendedIso.Format(clock),
            ["FOCALIZACION_CORREO_CARPETA"] = mailFolder,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        var service = Start(connectionString, variables);
        using var ready = await service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), service.Output);
        return service;
    }

    /// <summary>The local role the service's engine, handlers and Hangfire run as (<c>FOCALIZACION_DB_MOTOR</c>; <c>deploy/postgres.sh</c> creates it).</summary>
    public const string MotorRole = "focalizacion_motor";

    /// <summary>The local role <paramref name="role"/> (its password is its name, as <c>deploy/postgres.sh</c> creates it) on <paramref name="connectionString"/>'s server and database.</summary>
    public static string LocalRole(string connectionString, string role)
    {
        var owner = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new Npgsql.NpgsqlConnectionStringBuilder { Host = owner.Host, Port = owner.Port, Database = owner.Database, Username = role, Password = role }.ConnectionString;
    }

    /// <summary>A pickup folder of its own for a service's mail (not created: the service makes it, 0700).</summary>
    public static string NewMailFolder() => Path.Combine(Path.GetTempPath(), $"correo-api-{Guid.NewGuid():N}");

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/>; the last answer otherwise, once the deadline passes.</summary>
    public async Task<HttpResponseMessage> WaitForAsync(string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            var response = await TryGetAsync(path, deadline);
            if (response is not null && (response.StatusCode == expected || DateTime.UtcNow >= deadline))
            {
                return response;
            }
            response?.Dispose();
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls <paramref name="path"/> until its answer satisfies <paramref name="done"/>; the last answer otherwise, once the deadline passes.</summary>
    public async Task<(HttpStatusCode Status, string Body)> WaitForAsync(string path, Func<HttpStatusCode, string, bool> done)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            using (var response = await TryGetAsync(path, deadline))
            {
                if (response is not null)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    if (done(response.StatusCode, body) || DateTime.UtcNow >= deadline)
                    {
                        return (response.StatusCode, body);
                    }
                }
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until the process has printed <paramref name="text"/>; whether it did before the deadline.</summary>
    public async Task<bool> WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.That(_process.HasExited, Is.False, () => $"the service exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval);
        }
        return true;
    }

    /// <summary>One request; null while the process is not listening yet (before the deadline).</summary>
    private async Task<HttpResponseMessage?> TryGetAsync(string path, DateTime deadline)
    {
        Assert.That(_process.HasExited, Is.False, () => $"the service exited with {_process.ExitCode}:\n{Output}");
        try
        {
            return await Client.GetAsync(new Uri(path, UriKind.Relative));
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline)
        {
            return null; // not listening yet
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
