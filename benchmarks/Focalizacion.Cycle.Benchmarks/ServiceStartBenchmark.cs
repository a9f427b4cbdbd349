using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// The first simulation a user gets from a freshly started service: the built service
/// (<c>focalizacion-servicio</c>, Release) started as its own process on a database of its own,
/// and <c>POST /api/v1/simulaciones</c> with the 16 regions' realistic scenario timed from this
/// side of the HTTP connection, right after <c>/salud/listo</c> first answers 200, then once more.
/// Three ways: without the warm-up (<c>FOCALIZACION_SIMULACION_PRECALENTAR=no</c>), with it and the
/// request right after readiness (it stops the warm-up), and with it and the request once the
/// warm-up has logged that it finished.
/// </summary>
internal static class ServiceStartBenchmark
{
    private const string Database = "bench_arranque";

    private const string Clock = "2026-11-20T12:00:00-03:00";

    private const string WarmedUp = "Simulations warmed up";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static async Task<string> RunAsync(string server, string serviceDll, int repetitions)
    {
        var owner = On(server, Database);
        var variables = new Dictionary<string, string>
        {
            ["FOCALIZACION_DB"] = owner,
            ["FOCALIZACION_DB_API"] = On(Environment.GetEnvironmentVariable("FOCALIZACION_DB_API") ?? throw new InvalidOperationException("FOCALIZACION_DB_API is not set"), Database),
            ["FOCALIZACION_DB_MOTOR"] = On(Environment.GetEnvironmentVariable("FOCALIZACION_DB_MOTOR") ?? throw new InvalidOperationException("FOCALIZACION_DB_MOTOR is not set"), Database),
            ["FOCALIZACION_RELOJ"] = Clock,
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"focalizacion-bench-arranque-{Guid.NewGuid():N}"),
        };
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
            await using var create = admin.CreateCommand($"CREATE DATABASE {Database}");
            await create.ExecuteNonQueryAsync();
        }
        // A first start migrates the database and starts the year's cycles; then a user to simulate with.
        await using (var first = await StartAsync(serviceDll, variables, warmUp: false))
        {
        }
        var token = await TokenAsync(owner);
        var body = SimulationWarmUp.ScenarioJson(2027);

        var runs = new List<(string Mode, Run Run)>();
        for (int i = 0; i < repetitions; i++)
        {
            foreach (var (mode, warmUp, waitForWarmUp) in new[] { ("without the warm-up", false, false), ("with the warm-up, asked at once", true, false), ("with the warm-up, asked once it finished", true, true) })
            {
                var load = SimulationBenchmark.LoadAverage();
                await using var service = await StartAsync(serviceDll, variables, warmUp);
                var warmedUpAfter = waitForWarmUp ? await service.WaitForAsync(WarmedUp) : (TimeSpan?)null;
                var firstPost = await PostAsync(service, token, body);
                var secondPost = await PostAsync(service, token, body);
                var run = new Run(service.Ready, warmedUpAfter, firstPost, secondPost, load, service.Logged("warn:") + service.Logged("fail:"));
                Console.WriteLine($"  {mode}: ready {run.Ready.TotalSeconds:N2} s, first POST {run.First.Wall.TotalSeconds:N2} s ({run.First.Cpu.TotalSeconds:N2} s CPU), " +
                    $"second {run.Second.Wall.TotalSeconds:N2} s ({run.Second.Cpu.TotalSeconds:N2} s CPU), load {load}");
                runs.Add((mode, run));
            }
        }
        if (Directory.Exists(variables["FOCALIZACION_CORREO_CARPETA"]))
        {
            Directory.Delete(variables["FOCALIZACION_CORREO_CARPETA"], recursive: true);
        }
        var report = new StringBuilder();
        report.AppendLine("## The first simulation after the service starts");
        report.AppendLine();
        report.AppendLine("The built service (Release, `dotnet focalizacion-servicio.dll` as `deploy/servicio.sh` runs it after its build) started as its own process on a database of its own " +
            $"(`{Database}`, its cycles of 2027 started, clock {Clock}); `POST /api/v1/simulaciones` with the sixteen regions' realistic scenario, timed by the client from the request to the " +
            "last byte of the answer, and the service process's CPU time meanwhile (user + system, PostgreSQL's not included), first right after `/salud/listo` first answers 200 (polled every 50 ms), then once more. \"Ready\": from starting the process to that first 200. " +
            $"With the warm-up, \"asked once it finished\" waits for its log line (\"{WarmedUp}…\", the time since readiness in brackets). {repetitions} start(s) of each; median (fastest).");
        report.AppendLine();
        report.AppendLine("| service start | ready | first POST (16 regions): wall, median (fastest) | first POST: service CPU | second POST: wall | second POST: service CPU | load average (1 min) at start | warnings or errors logged after ready |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in runs.GroupBy(r => r.Mode, r => r.Run))
        {
            var all = group.ToList();
            var waited = all.Where(r => r.WarmedUpAfter is not null).Select(r => r.WarmedUpAfter!.Value.TotalSeconds).ToList();
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key}{(waited.Count > 0 ? $" (finished {SimulationBenchmark.Median(waited):N1} s after ready)" : "")} | {SimulationBenchmark.Median(all.Select(r => r.Ready.TotalSeconds)):N2} s | " +
                $"**{SimulationBenchmark.Median(all.Select(r => r.First.Wall.TotalSeconds)):N2} s** ({all.Min(r => r.First.Wall.TotalSeconds):N2} s) | {SimulationBenchmark.Median(all.Select(r => r.First.Cpu.TotalSeconds)):N2} s | " +
                $"{SimulationBenchmark.Median(all.Select(r => r.Second.Wall.TotalSeconds)):N2} s | {SimulationBenchmark.Median(all.Select(r => r.Second.Cpu.TotalSeconds)):N2} s | " +
                $"{string.Join(", ", all.Select(r => r.Load))} | {all.Sum(r => r.Warnings)} |"));
        }
        report.AppendLine();
        return report.ToString();
    }

    private sealed record Run(TimeSpan Ready, TimeSpan? WarmedUpAfter, (TimeSpan Wall, TimeSpan Cpu) First, (TimeSpan Wall, TimeSpan Cpu) Second, string Load, int Warnings);

    /// <summary>The request's wall time and the service process's CPU time meanwhile (user + system; less sensitive than wall to what else runs).</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> PostAsync(ServiceUnderTest service, string token, string body)
    {
        var cpu = service.Cpu();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/simulaciones") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await service.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        watch.Stop();
        return response.StatusCode == HttpStatusCode.OK ? (watch.Elapsed, service.Cpu() - cpu) : throw new InvalidOperationException($"POST /api/v1/simulaciones: {(int)response.StatusCode} {answer}");
    }

    private static async Task<string> TokenAsync(string owner)
    {
        await using var store = new Store(owner);
        var clock = ClockSetting.Parse(Clock).Value;
        var (user, problem) = await new UserStore(store, clock).CreateAsync(new NewUser("admin@benchmark.invalid", "administrador", null, "Administración (benchmark)", null), null, Actor.Cli("benchmark"));
        return user is null ? throw new InvalidOperationException(problem) : (await new AccessTokens(store, clock).CreateAsync(user.Id, "benchmark de arranque", AccessTokens.MaxDays, Actor.Cli("benchmark"))).Token;
    }

    private static async Task<ServiceUnderTest> StartAsync(string serviceDll, Dictionary<string, string> variables, bool warmUp)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(serviceDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }
        // The service's ServiceSettings.SimulationWarmUpVariable (this benchmark does not reference the service's assembly).
        start.Environment["FOCALIZACION_SIMULACION_PRECALENTAR"] = warmUp ? "si" : "no";
        var service = new ServiceUnderTest(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await service.WaitUntilReadyAsync();
        return service;
    }

    private static string On(string connectionString, string database) => new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    /// <summary>The service's process, its output kept, killed on dispose.</summary>
    private sealed class ServiceUnderTest : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
        private int _readyAt;

        public ServiceUnderTest(Process process, Uri address)
        {
            _process = process;
            Client = new HttpClient { BaseAddress = address, Timeout = Deadline };
            _process.OutputDataReceived += (_, line) => Keep(line.Data);
            _process.ErrorDataReceived += (_, line) => Keep(line.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public HttpClient Client { get; }

        public TimeSpan Ready { get; private set; }

        /// <summary>The process's CPU time so far (user + system).</summary>
        public TimeSpan Cpu()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        public async Task WaitUntilReadyAsync()
        {
            while (true)
            {
                Check();
                try
                {
                    using var response = await Client.GetAsync(new Uri("/salud/listo", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Ready = _sinceStart.Elapsed;
                        _readyAt = Text().Length;
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(50);
            }
        }

        /// <summary>Waits for <paramref name="text"/> in the output; the time from readiness until it appeared.</summary>
        public async Task<TimeSpan> WaitForAsync(string text)
        {
            while (!Text().Contains(text, StringComparison.Ordinal))
            {
                Check();
                await Task.Delay(50);
            }
            return _sinceStart.Elapsed - Ready;
        }

        /// <summary>The lines logged at <paramref name="level"/> since readiness (before it, the readiness checks log their failures while the engine starts).</summary>
        public int Logged(string level) => Text()[_readyAt..].Split('\n').Count(line => line.StartsWith(level, StringComparison.Ordinal));

        private void Check()
        {
            if (_process.HasExited || _sinceStart.Elapsed > Deadline)
            {
                throw new InvalidOperationException($"the service {(_process.HasExited ? $"exited with {_process.ExitCode}" : "took too long")}:\n{Text()}");
            }
        }

        private string Text()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        private void Keep(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        /// <summary>
        /// Stops it as an operator does (SIGTERM: the host shuts down and lets go of Hangfire's locks; a killed one would leave the
        /// recurring jobs' lock taken, and the next start would wait for it), killing it only if it does not exit.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _ = Terminate(_process.Id, Sigterm);
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
            // Kept for a look (what it logged, the warnings counted in the table).
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"bench-arranque-{_process.Id}.log"), Text());
            _process.Dispose();
        }

        private const int Sigterm = 15;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Terminate(int pid, int signal);
    }
}
