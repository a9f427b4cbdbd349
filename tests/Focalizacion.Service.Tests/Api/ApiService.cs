using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// One real service on a fresh database for an API fixture: started with a fixed clock, ready
/// (migrations applied, the API role granted, this budget year's cycles started), with users and
/// personal access tokens made directly in the users table, and clients that each come from their
/// own loopback address (the login and token limits count per address).
/// </summary>
internal sealed class ApiService : IAsyncDisposable
{
    /// <summary>
    /// Monday 2 March 2026, noon: budget year 2027's cycles run and the oficio de inicio's window is
    /// open, so the service sends every region's at start-up: oficios of all 16 regions exist.
    /// </summary>
    public static readonly OffsetDateTime DefaultClock = OffsetDateTimePattern.ExtendedIso.Parse("2026-03-02T12:00:00-03:00").Value;

    public const int Year = 2027;

    private static int _nextAddress;

    private readonly string _mailFolder;
    private readonly List<HttpClient> _clients = [];
    private bool _stopped;

    private ApiService(TestDatabase database, ServiceProcess service, string mailFolder, Instant startedAt)
    {
        Database = database;
        Service = service;
        _mailFolder = mailFolder;
        StartedAt = startedAt;
    }

    public TestDatabase Database { get; }

    public ServiceProcess Service { get; }

    /// <summary>The service's clock at its start (FOCALIZACION_RELOJ).</summary>
    public Instant StartedAt { get; }

    /// <summary>
    /// Starts the service at <paramref name="clock"/> on a new database (after <paramref name="beforeStart"/>
    /// ran on it), waits until it is ready and, when <paramref name="waitForOficios"/>, until the
    /// oficio de inicio of every region is recorded.
    /// </summary>
    public static async Task<ApiService> StartAsync(OffsetDateTime? clock = null, Func<TestDatabase, Task>? beforeStart = null, bool waitForOficios = true)
    {
        var at = clock ?? DefaultClock;
        var database = await TestDatabase.CreateCycleAsync();
        if (beforeStart is not null)
        {
            await beforeStart(database);
        }
        var mail = ServiceProcess.NewMailFolder();
        var service = await ServiceProcess.StartReadyAsync(database.ConnectionString, at, mail);
        var api = new ApiService(database, service, mail, at.ToInstant());
        if (waitForOficios)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await database.ScalarAsync("SELECT count(DISTINCT region) FROM correos WHERE tipo = 'oficio'") < 16)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), () => "the oficios de inicio were not all recorded:\n" + service.Output);
                await Task.Delay(200);
            }
        }
        return api;
    }

    /// <summary>A user of <paramref name="role"/> (of <paramref name="region"/> for a regional one), with a token created at the service's clock, and a password when given.</summary>
    public async Task<ApiUser> UserAsync(string role, string? region = null, string? password = null, int days = 90, Instant? tokenCreatedAt = null)
    {
        var clock = new FakeClock(tokenCreatedAt ?? StartedAt);
        var email = $"{role}.{region ?? "todas"}.{Guid.NewGuid().ToString("N")[..8]}@prueba.example.cl".ToLowerInvariant();
        var (user, problem) = await new UserStore(Database.Store, clock).CreateAsync(new NewUser(email, role, region, null, null), password, Focalizacion.Runtime.Actor.Cli("prueba"));
        Assert.That(problem, Is.Null);
        var (token, record) = await new AccessTokens(Database.Store, clock).CreateAsync(user!.Id, "prueba", days, Focalizacion.Runtime.Actor.Cli("prueba"));
        return new ApiUser(user, token, record.Id, password);
    }

    /// <summary>Another token of <paramref name="user"/>, created at <paramref name="createdAt"/> (the service's start by default).</summary>
    public async Task<(string Token, long Id)> TokenAsync(ApiUser user, int days = 90, Instant? createdAt = null)
    {
        var (token, record) = await new AccessTokens(Database.Store, new FakeClock(createdAt ?? StartedAt)).CreateAsync(user.User.Id, "otro", days, Focalizacion.Runtime.Actor.Cli("prueba"));
        return (token, record.Id);
    }

    /// <summary>A client of the service from a loopback address no other client of this run uses; keeps cookies when asked (a browser session).</summary>
    public HttpClient Client(bool cookies = false) => Client(NextAddress(), cookies);

    /// <summary>A client of the service from <paramref name="source"/> (null: the system's choice, 127.0.0.1).</summary>
    public HttpClient Client(IPAddress? source, bool cookies = false)
    {
        var client = new HttpClient(LoopbackHandler(source, cookies ? new CookieContainer() : null)) { BaseAddress = Service.Address, Timeout = TimeSpan.FromSeconds(30) };
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    /// <summary>A loopback address of 127.0.0.0/8 not used before by this test run.</summary>
    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, 77, (byte)(n / 250 % 250), (byte)(n % 250 + 1)]);
    }

    /// <summary>The per-request source address (the <c>from</c> of <see cref="ApiRequests.SendAsync"/>), which wins over the handler's own.</summary>
    public static readonly HttpRequestOptionsKey<IPAddress> SourceOption = new("origen");

    /// <summary>A handler that connects from <paramref name="source"/>, or from the address a request names (<see cref="SourceOption"/>).</summary>
    public static SocketsHttpHandler LoopbackHandler(IPAddress? source, CookieContainer? cookies) => new()
    {
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var from = context.InitialRequestMessage.Options.TryGetValue(SourceOption, out var perRequest) ? perRequest : source;
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (from is not null)
                {
                    socket.Bind(new IPEndPoint(from, 0));
                }
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Stops the service and keeps the database (for tests that read it as it was left).</summary>
    public async Task StopServiceAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Service.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await StopServiceAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_mailFolder))
        {
            Directory.Delete(_mailFolder, recursive: true);
        }
    }
}

/// <summary>A user made for a test: its record, a token (and that token's id), and its password if it has one.</summary>
internal sealed record ApiUser(User User, string Token, long TokenId, string? Password)
{
    public string Email => User.Email;
}

/// <summary>One answer of the API, read whole.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Body, HttpResponseHeaders Headers)
{
    public int Code => (int)Status;

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{Code} {MediaType}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

/// <summary>Requests as the tests send them.</summary>
internal static class ApiRequests
{
    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static async Task<ApiAnswer> SendAsync(this HttpClient client, HttpMethod method, string pathAndQuery, string? token = null,
        HttpContent? content = null, string? antiforgery = null, IPAddress? from = null, bool chunked = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (antiforgery is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", antiforgery);
        }
        if (from is not null)
        {
            // Each request its own address: a fresh connection, closed after the answer.
            request.Options.Set(ApiService.SourceOption, from);
            request.Headers.ConnectionClose = true;
        }
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers);
    }

    public static Task<ApiAnswer> GetAnswerAsync(this HttpClient client, string pathAndQuery, string? token = null) =>
        client.SendAsync(HttpMethod.Get, pathAndQuery, token);

    public static Task<ApiAnswer> PostJsonAsync(this HttpClient client, string path, string json, string? token = null, string? antiforgery = null) =>
        client.SendAsync(HttpMethod.Post, path, token, Json(json), antiforgery);

    /// <summary>Logs in with the user's e-mail and password; the antiforgery token of the answer.</summary>
    public static async Task<string> LogInAsync(this HttpClient client, ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var answer = await client.PostJsonAsync("/api/v1/sesion", System.Text.Json.JsonSerializer.Serialize(new { correo = user.Email, clave = user.Password }));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        return answer.Json.GetProperty("antifalsificacion").GetString()!;
    }

    public static string Quoted(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What every error answer of the API must be: Spanish problem details that say nothing of the service's insides.</summary>
internal static class ApiProblemsCheck
{
    /// <summary>The titles of the statuses the API answers with, in Spanish: written here, not read from the service.</summary>
    public static readonly IReadOnlySet<string> SpanishTitles = new HashSet<string>(StringComparer.Ordinal)
    {
        "Solicitud incorrecta",
        "Se requiere autenticación",
        "Acceso denegado",
        "Recurso no encontrado",
        "Método no permitido",
        "Conflicto con el estado actual",
        "Solicitud demasiado grande",
        "Tipo de contenido no admitido",
        "Contenido no procesable",
        "Demasiadas solicitudes",
    };

    /// <summary>What a body that leaks the service's insides contains: a stack frame, an exception's or a library's name.</summary>
    public static readonly IReadOnlyList<string> Leaks = ["   at ", "Exception", "Npgsql", "System.", "StackTrace", "Microsoft.", "PostgreSQL error", "SQLSTATE"];

    /// <summary>Why <paramref name="answer"/> is not acceptable (a 5xx, a leak, an error that is not Spanish problem details); null when it is.</summary>
    public static string? Fault(ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Code >= 500)
        {
            return "a 5xx";
        }
        if (Leaks.FirstOrDefault(leak => answer.Body.Contains(leak, StringComparison.Ordinal)) is { } leaked)
        {
            return $"the body leaks «{leaked}»";
        }
        if (answer.Code < 400)
        {
            return null;
        }
        if (answer.MediaType != "application/problem+json")
        {
            return $"an error as {answer.MediaType ?? "no content type"}, not application/problem+json";
        }
        try
        {
            var title = answer.Json.TryGetProperty("title", out var t) ? t.GetString() : null;
            return title is not null && SpanishTitles.Contains(title) ? null : $"the title «{title}» is not one of the Spanish titles";
        }
        catch (System.Text.Json.JsonException)
        {
            return "problem details that are not JSON";
        }
    }
}
