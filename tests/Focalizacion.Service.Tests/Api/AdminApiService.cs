using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// The real service on a fresh database, mid-cycle for budget year 2027 (20 November 2026: after
/// the preliminary's deadline, before the montos'), every email to a pickup folder, and one user
/// with a personal access token per role, for one fixture's tests.
/// </summary>
internal sealed class AdminApiService : IAsyncDisposable
{
    /// <summary>The service's clock at start-up (it runs on from there), as its <c>FOCALIZACION_RELOJ</c> says it.</summary>
    public const string StartSetting = "2026-11-20T12:00:00-03:00";

    /// <summary>The service's clock at start-up (it runs on from there).</summary>
    public static readonly Instant Start = OffsetDateTimePattern.ExtendedIso.Parse(StartSetting).Value.ToInstant();

    public const string Admin = "admin@sercotec.ejemplo.cl";
    public const string Auditor = "auditor@sercotec.ejemplo.cl";
    public const string Central = "central@sercotec.ejemplo.cl";
    public const string RegionalNb = "regional.nb@sercotec.ejemplo.cl";
    public const string GoreNb = "gore.nb@gore.ejemplo.cl";
    public const string GoreBi = "gore.bi@gore.ejemplo.cl";

    /// <summary>Every test user's password (for the browser tests' logins).</summary>
    public const string Password = "clave-de-prueba-larga";

    private static readonly (string Email, string Role, string? Region, string Name)[] People =
        [(Admin, "administrador", null, "Ana Administradora"), (Auditor, "auditor", null, "Aurelio Auditor"), (Central, "sercotec-central", null, "Carla Central"),
         (RegionalNb, "sercotec-regional", "NB", "Raúl Regional"), (GoreNb, "gore", "NB", "Gabriela Ñuble"), (GoreBi, "gore", "BI", "Gonzalo Biobío")];

    private readonly Dictionary<string, string> _tokens;

    private readonly Dictionary<string, long> _ids;

    private readonly IReadOnlyDictionary<string, string>? _environment;

    private AdminApiService(TestDatabase database, ServiceProcess service, string mailFolder, Dictionary<string, string> tokens, Dictionary<string, long> ids,
        IReadOnlyDictionary<string, string>? environment)
    {
        _environment = environment;
        Database = database;
        Service = service;
        MailFolder = mailFolder;
        _tokens = tokens;
        _ids = ids;
    }

    public TestDatabase Database { get; }

    public ServiceProcess Service { get; private set; }

    /// <summary>Where the service writes the emails it sends (<c>FOCALIZACION_CORREO_CARPETA</c>).</summary>
    public string MailFolder { get; }

    /// <summary>Each test user's id, by e-mail.</summary>
    public IReadOnlyDictionary<string, long> UserIds => _ids;

    /// <summary>
    /// Runs the operator's CLI (<c>focalizacion</c>, its own process) on this service's database, its
    /// clock starting where the service's last start did and its mail going to the same pickup folder.
    /// </summary>
    public Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) => CliProcess.RunAsync(
        new Dictionary<string, string>(Database.CliEnvironment())
        {
            ["FOCALIZACION_RELOJ"] = ClockValue(ClockStart),
            ["FOCALIZACION_CORREO_CARPETA"] = MailFolder,
            ["FOCALIZACION_OPERADOR"] = "operador.pruebas",
        },
        args);

    /// <summary>Where the service's clock started (its last start's, after <see cref="RestartAsync"/>).</summary>
    public Instant ClockStart { get; private set; }

    /// <summary>As <see cref="StartAsync(Instant, IReadOnlyDictionary{string, string})"/> at <see cref="Start"/>.</summary>
    public static Task<AdminApiService> StartAsync() => StartAsync(Start);

    /// <summary>
    /// The service on a fresh database, its clock starting at <paramref name="start"/>, with the test users and their tokens (valid 30 days from then);
    /// <paramref name="environment"/> adds to its variables, at every start.
    /// </summary>
    public static async Task<AdminApiService> StartAsync(Instant start, IReadOnlyDictionary<string, string>? environment = null)
    {
        var database = await TestDatabase.CreateCycleAsync();
        // The users exist before the service starts; their tokens are valid at the service's clock.
        var tokens = new Dictionary<string, string>();
        var ids = new Dictionary<string, long>();
        foreach (var (email, role, region, name) in People)
        {
            (ids[email], tokens[email]) = await CreateUserAsync(database, start, email, role, region, name);
        }
        var mail = ServiceProcess.NewMailFolder();
        return new AdminApiService(database, await LaunchAsync(database, mail, start, environment), mail, tokens, ids, environment) { ClockStart = start };
    }

    /// <summary>
    /// A GORE user of <paramref name="region"/> (besides the fixture's own), with a token valid 30 days from
    /// the service's last start; returns its e-mail, for <see cref="SendAsync"/>.
    /// </summary>
    public async Task<string> AddGoreAsync(string region)
    {
        var email = $"gore.{region.ToLowerInvariant()}.extra@gore.ejemplo.cl";
        (_ids[email], _tokens[email]) = await CreateUserAsync(Database, ClockStart, email, "gore", region, $"GORE {region}");
        return email;
    }

    private static async Task<(long Id, string Token)> CreateUserAsync(TestDatabase database, Instant now, string email, string role, string? region, string name)
    {
        var clock = new FakeClock(now);
        var (user, problem) = await new UserStore(database.Store, clock).CreateAsync(new NewUser(email, role, region, name, null), Password, Focalizacion.Runtime.Actor.Cli("pruebas"));
        Assert.That(problem, Is.Null);
        var token = await new AccessTokens(database.Store, clock).CreateAsync(user!.Id, "pruebas", 30, Focalizacion.Runtime.Actor.Cli("pruebas"));
        return (user.Id, token.Token);
    }

    /// <summary>
    /// Stops the service and starts it again on the same database, its clock starting at
    /// <paramref name="start"/>: time moves on as it does for a service that was down, and what fell
    /// due meanwhile fires at start-up. The new process listens on another port.
    /// </summary>
    public async Task RestartAsync(Instant start)
    {
        await Service.DisposeAsync();
        Service = await LaunchAsync(Database, MailFolder, start, _environment);
        ClockStart = start;
    }

    /// <summary><c>FOCALIZACION_RELOJ</c>'s value for <paramref name="start"/>, written in mainland summer time (−03).</summary>
    private static string ClockValue(Instant start) => OffsetDateTimePattern.ExtendedIso.Format(ClockAt(start));

    /// <summary><paramref name="start"/> in mainland summer time (−03), as the service's clock is set.</summary>
    private static OffsetDateTime ClockAt(Instant start) => start.WithOffset(Offset.FromHours(-3));

    private static Task<ServiceProcess> LaunchAsync(TestDatabase database, string mail, Instant start, IReadOnlyDictionary<string, string>? environment) =>
        ServiceProcess.StartReadyAsync(database.ConnectionString, ClockAt(start), mail, environment);

    /// <summary>A request as <paramref name="who"/> (a test user's e-mail; null: no credentials).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? who, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (who is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[who]);
        }
        return await Service.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? who) => SendAsync(HttpMethod.Get, path, who);

    /// <summary>
    /// <paramref name="who"/> uploads a focalización of <paramref name="stage"/> ("preliminar" or "final") for
    /// <paramref name="region"/> and <paramref name="budgetYear"/>, as a GORE's program would: the workbook, and a final's acta's PDF.
    /// </summary>
    public Task<HttpResponseMessage> UploadFocalizacionAsync(int budgetYear, string region, string stage, string who, byte[] workbook, byte[]? acta = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "planilla", "focalizacion.xlsx");
        if (acta is not null)
        {
            var pdf = new ByteArrayContent(acta);
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(pdf, "acta", "acta-core.pdf");
        }
        return SendAsync(HttpMethod.Post, $"/api/v1/ciclos/{budgetYear}/{region}/focalizaciones/{stage}", who, form);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? who, string? json = null) =>
        SendAsync(HttpMethod.Post, path, who, json is null ? null : Json(json));

    public Task<HttpResponseMessage> PutAsync(string path, string? who, string json) => SendAsync(HttpMethod.Put, path, who, Json(json));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The body as JSON, with the status and body in the message when it is not <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A problem's status, detail and field (<c>campo</c>), for asserting on refusals.</summary>
    public static async Task<(HttpStatusCode Status, string Detail, string? Field)> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        // The framework's own refusals (no route) have a title only.
        var detail = root.TryGetProperty("detail", out var said) ? said.GetString()! : root.GetProperty("title").GetString()!;
        return (response.StatusCode, detail, root.TryGetProperty("campo", out var field) ? field.GetString() : null);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
