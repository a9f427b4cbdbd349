using System.Text;
using System.Text.Json;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// Every operation the OpenAPI document lists, called by every role — on its own region's resource
/// and on another region's — and anonymously, against the roles table of the access issue
/// (docs/acceso.md), written out here on its own: nothing is read from the service's policy. An
/// operation the table does not classify fails the test, so a new endpoint must be given its row.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AuthorizationMatrixTests
{
    /// <summary>What a caller gets from an operation: it may, its role may not (403), the resource is another region's (404), or it is anonymous (401).</summary>
    private enum Outcome
    {
        Allowed,
        Forbidden,
        Hidden,
        Unauthorized,
    }

    /// <summary>The outcome for a role (null: anonymous) on its own region's resource or another region's.</summary>
    private delegate Outcome Rule(string? role, bool ownRegion);

    private const string Own = "NB";
    private const string Other = "BI";

    /// <summary>The roles whose users belong to one region and see only it.</summary>
    private static readonly string[] Regional = ["sercotec-regional", "gore"];

    private static readonly string[] Roles = ["administrador", "sercotec-central", "sercotec-regional", "gore", "auditor"];

    /// <summary>The rules the roles table gives, one per kind of operation.</summary>
    private static class Rules
    {
        /// <summary>Anyone, anonymous included (logging in).</summary>
        public static readonly Rule Public = (_, _) => Outcome.Allowed;

        /// <summary>Any authenticated user, whatever its region (its own session and tokens; the calendar, which is public law; lists, which filter).</summary>
        public static readonly Rule Authenticated = (role, _) => role is null ? Outcome.Unauthorized : Outcome.Allowed;

        /// <summary>Any authenticated user, on a resource of a region it sees; another region's does not exist for it.</summary>
        public static readonly Rule ReadOfRegion = (role, own) => role is null ? Outcome.Unauthorized : !own && Regional.Contains(role) ? Outcome.Hidden : Outcome.Allowed;

        /// <summary>Only <paramref name="roles"/>, on a resource that does not exist (changing a real one would change the fixture): they get 404, others 403 first.</summary>
        public static Rule OnlyOnAbsent(params string[] roles) => (role, _) => role is null ? Outcome.Unauthorized : roles.Contains(role) ? Outcome.Hidden : Outcome.Forbidden;

        /// <summary>Only <paramref name="roles"/>, whatever the region.</summary>
        public static Rule Only(params string[] roles) => (role, _) => role is null ? Outcome.Unauthorized : roles.Contains(role) ? Outcome.Allowed : Outcome.Forbidden;

        /// <summary>Only <paramref name="roles"/>, and a regional one only on its region's resource (another region's is hidden).</summary>
        public static Rule OnlyInRegion(params string[] roles) => (role, own) =>
            role is null ? Outcome.Unauthorized : !roles.Contains(role) ? Outcome.Forbidden : !own && Regional.Contains(role) ? Outcome.Hidden : Outcome.Allowed;

        /// <summary>Administration: definitions, templates, the directory, users, incidents.</summary>
        public static readonly Rule Administer = Only("administrador");

        /// <summary>Reading what administration manages: definitions, templates, the directory, incidents, users.</summary>
        public static readonly Rule ReadAdministration = Only("administrador", "auditor");

        /// <summary>Simulations.</summary>
        public static readonly Rule Simulate = Only("administrador", "sercotec-central");
    }

    /// <summary>
    /// The roles table, by operation (method and path template as the document writes them). A new
    /// operation gets its row here: <see cref="Rules.Administer"/> for definitions, templates,
    /// directory, users and incidents that change; <see cref="Rules.ReadAdministration"/> for
    /// reading them; <see cref="Rules.Simulate"/> for simulations; <see cref="Rules.ReadOfRegion"/>
    /// for what belongs to a region.
    /// </summary>
    private static readonly Dictionary<(string Method, string Template), Rule> Table = new()
    {
        [("POST", "/api/v1/sesion")] = Rules.Public,
        // This fixture configures no external provider: the login with one does not exist for anybody.
        [("GET", "/api/v1/sesion/externa")] = (_, _) => Outcome.Hidden,
        [("GET", "/api/v1/sesion")] = Rules.Authenticated,
        [("DELETE", "/api/v1/sesion")] = Rules.Authenticated,
        [("GET", "/api/v1/yo/tokens")] = Rules.Authenticated,
        [("POST", "/api/v1/yo/tokens")] = Rules.Authenticated,
        [("DELETE", "/api/v1/yo/tokens/{id}")] = Rules.Authenticated,
        [("GET", "/api/v1/regiones")] = Rules.Authenticated,
        [("GET", "/api/v1/feriados/{anio}")] = Rules.Authenticated,
        // The Decreto's deadlines are law, the same for whoever asks: every region's, as the regions list is.
        [("GET", "/api/v1/plazos/{anio}/{region}")] = Rules.Authenticated,
        [("GET", "/api/v1/ciclos/{anio}")] = Rules.Authenticated,
        [("GET", "/api/v1/ciclos/{anio}/{region}")] = Rules.ReadOfRegion,
        [("GET", "/api/v1/ciclos/{anio}/{region}/diario")] = Rules.ReadOfRegion,
        // Sercotec central records Sercotec's events in every region, a GORE its own region's, an administrator only
        // the review of a final; nobody else records any.
        [("POST", "/api/v1/ciclos/{anio}/{region}/eventos")] = Rules.OnlyInRegion("sercotec-central", "gore", "administrador"),
        [("GET", "/api/v1/oficios")] = Rules.Authenticated,
        [("GET", "/api/v1/oficios/{id}")] = Rules.ReadOfRegion,
        [("GET", "/api/v1/oficios/{id}/pdf")] = Rules.ReadOfRegion,
        [("GET", "/api/v1/documentos/{id}")] = Rules.ReadOfRegion,
        [("GET", "/api/v1/ciclos/{anio}/{region}/focalizaciones")] = Rules.ReadOfRegion,
        [("GET", "/api/v1/ciclos/{anio}/{region}/focalizaciones/plantilla")] = Rules.ReadOfRegion,
        // A GORE sends its own region's focalización; nobody else sends one.
        [("POST", "/api/v1/ciclos/{anio}/{region}/focalizaciones/{etapa}")] = Rules.OnlyInRegion("gore"),
        // The national export holds every region's: for those who see them all.
        [("GET", "/api/v1/focalizaciones/nacional/{anio}")] = Rules.Only("administrador", "auditor", "sercotec-central"),
        // The Oficina de Partes (Sercotec central) and administrators enter DocDigital's folio and number, in every region.
        [("PUT", "/api/v1/oficios/{id}/docdigital")] = Rules.Only("administrador", "sercotec-central"),
        [("GET", "/api/v1/diario")] = Rules.Only("administrador", "auditor"),
        [("GET", "/api/v1/ciclos/{anio}/{region}/calendario.ics")] = Rules.ReadOfRegion,
        // A feed's signed address is its only credential: a made-up one is not found, whoever asks (CuentaTests use a real one).
        [("GET", "/api/v1/calendarios/{firma}.ics")] = (_, _) => Outcome.Hidden,
        // What administrators manage: read by administrador and auditor, changed by administrador only.
        [("GET", "/api/v1/definiciones")] = Rules.Only("administrador", "auditor"),
        [("GET", "/api/v1/definiciones/{id}")] = Rules.Only("administrador", "auditor"),
        [("GET", "/api/v1/definiciones/{id}/xml")] = Rules.Only("administrador", "auditor"),
        [("POST", "/api/v1/definiciones")] = Rules.Only("administrador"),
        [("POST", "/api/v1/definiciones/{id}/publicar")] = Rules.OnlyOnAbsent("administrador"),
        [("POST", "/api/v1/definiciones/{clave}/{version}/retirar")] = Rules.OnlyOnAbsent("administrador"),
        // A version's running instances, its comparison, its migration and its live map: the designer's, an administrator's.
        [("GET", "/api/v1/definiciones/{id}/instancias")] = Rules.Administer,
        [("GET", "/api/v1/definiciones/{id}/comparacion")] = Rules.Administer,
        [("POST", "/api/v1/definiciones/{id}/migraciones")] = Rules.OnlyOnAbsent("administrador"),
        [("GET", "/api/v1/definiciones/{id}/mapa")] = Rules.Administer,
        // The designer's questions (nothing stored) are part of administering definitions.
        [("GET", "/api/v1/disenador/ajustes")] = Rules.Only("administrador"),
        [("POST", "/api/v1/disenador/validar")] = Rules.Only("administrador"),
        [("POST", "/api/v1/disenador/plazo")] = Rules.Only("administrador"),
        [("POST", "/api/v1/disenador/simulaciones")] = Rules.Only("administrador"),
        [("GET", "/api/v1/incidentes")] = Rules.Only("administrador", "auditor"),
        [("POST", "/api/v1/incidentes/{id}/reintentar")] = Rules.OnlyOnAbsent("administrador"),
        [("POST", "/api/v1/incidentes/{id}/omitir")] = Rules.OnlyOnAbsent("administrador"),
        [("GET", "/api/v1/directorio")] = Rules.Only("administrador", "auditor"),
        [("PUT", "/api/v1/directorio/{lugar}/{rol}")] = Rules.Only("administrador"),
        [("GET", "/api/v1/plantillas")] = Rules.Only("administrador", "auditor"),
        [("GET", "/api/v1/plantillas/{clave}")] = Rules.Only("administrador", "auditor"),
        [("PUT", "/api/v1/plantillas/{clave}")] = Rules.Only("administrador"),
        [("DELETE", "/api/v1/plantillas/{clave}")] = Rules.Only("administrador"),
        [("GET", "/api/v1/usuarios")] = Rules.Only("administrador", "auditor"),
        [("POST", "/api/v1/usuarios")] = Rules.Only("administrador"),
        [("POST", "/api/v1/usuarios/{id}/desactivar")] = Rules.OnlyOnAbsent("administrador"),
        // Simulations never touch live data: administrador and Sercotec central.
        [("POST", "/api/v1/simulaciones")] = Rules.Only("administrador", "sercotec-central"),
    };

    /// <summary>Which event each role records (the issue's table): Sercotec's three by Sercotec central, the GORE's two by a GORE.</summary>
    private static readonly Dictionary<string, string[]> EventRecordedBy = new(StringComparer.Ordinal)
    {
        ["presupuesto-exploratorio-registrado"] = ["sercotec-central"],
        ["observaciones-enviadas"] = ["sercotec-central"],
        ["montos-preliminares-registrados"] = ["sercotec-central"],
        ["focalizacion-preliminar-recibida"] = ["gore"],
        ["focalizacion-final-recibida"] = ["gore"],
        // Sercotec central reviews a final, and so may an administrator; never the GORE that sent it.
        ["revision-final-registrada"] = ["sercotec-central", "administrador"],
    };

    private ApiService _api = null!;
    private IReadOnlyList<ApiOperation> _operations = null!;
    private readonly Dictionary<string, ApiUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _spareTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _oficios = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _documents = new(StringComparer.Ordinal);
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _api = await ApiService.StartAsync();
        foreach (var role in Roles)
        {
            var user = await _api.UserAsync(role, Regional.Contains(role) ? Own : null);
            _users[role] = user;
            // Each role from its own address: the login and token-creation limits count per address.
            _clients[role] = _api.Client();
            _spareTokens[role] = (await _api.TokenAsync(user)).Id;
        }
        _anonymous = _api.Client();
        foreach (var region in new[] { Own, Other })
        {
            await using var command = _api.Database.Store.DataSource.CreateCommand("SELECT idempotency_key FROM correos WHERE tipo = 'oficio' AND region = $1 ORDER BY id LIMIT 1");
            command.Parameters.Add(new() { Value = region });
            _oficios[region] = (string)(await command.ExecuteScalarAsync())!;
            _documents[region] = await _api.Database.ScalarAsync($"SELECT documento_id FROM oficios WHERE idempotency_key = '{_oficios[region]}'");
        }
        _operations = await OpenApiOperations.ReadAsync(_anonymous);
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        _anonymous.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public void Every_operation_of_the_document_is_in_the_roles_table()
    {
        Assert.That(_operations, Is.Not.Empty, "the document lists the API's operations");
        var unclassified = _operations.Where(o => !Table.ContainsKey(o.Key)).Select(o => o.ToString()).ToList();
        Assert.That(unclassified, Is.Empty, "operations of /openapi/v1.json that the roles table of this test does not classify: give each its rule");
    }

    [Test]
    public async Task Every_role_gets_what_the_roles_table_says_on_its_own_region_and_on_another()
    {
        var wrong = new List<string>();
        var calls = 0;
        foreach (var operation in _operations.Where(o => Table.ContainsKey(o.Key)))
        {
            var rule = Table[operation.Key];
            foreach (var role in new string?[] { null }.Concat(Roles))
            {
                foreach (var own in new[] { true, false })
                {
                    var expected = rule(role, own);
                    var answer = await CallAsync(operation, role, own);
                    calls++;
                    if (Check(operation, expected, answer) is { } why)
                    {
                        wrong.Add($"{operation} as {role ?? "anonymous"} on {(own ? "its own region" : "another region")} ({Own}/{Other}): expected {expected}, got {why} — {answer}");
                    }
                }
            }
        }
        Assert.That(wrong, Is.Empty, $"{wrong.Count} of {calls} calls answered against the roles table:\n" + string.Join("\n", wrong));
    }

    [Test]
    public async Task Each_event_is_recorded_only_by_the_role_the_table_gives_it()
    {
        var wrong = new List<string>();
        foreach (var role in Roles)
        {
            // Another region (RM) than the matrix's, so that the events recorded here change nothing it reads.
            var user = await _api.UserAsync(role, Regional.Contains(role) ? "RM" : null);
            foreach (var (name, recorders) in EventRecordedBy)
            {
                var answer = await _api.Service.Client.PostJsonAsync($"/api/v1/ciclos/{ApiService.Year}/RM/eventos", JsonSerializer.Serialize(new { evento = name }), user.Token);
                var may = recorders.Contains(role);
                if (ApiProblemsCheck.Fault(answer) is { } fault)
                {
                    wrong.Add($"{role} recording {name}: {fault} — {answer}");
                }
                else if (may ? answer.Code is 401 or 403 or 404 : answer.Code != 403)
                {
                    wrong.Add($"{role} recording {name}: expected {(may ? "to be let through" : "403")}, got {answer}");
                }
            }
        }
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    [Test]
    public async Task A_regional_role_lists_only_its_region_s_cycle()
    {
        foreach (var role in Regional)
        {
            var answer = await _clients[role].GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}", _users[role].Token);
            Assert.That(answer.Code, Is.EqualTo(200), answer.ToString());
            Assert.That(answer.Json.EnumerateArray().Select(c => c.GetProperty("region").GetString()), Is.EqualTo(new[] { Own }), $"{role} of {Own}");
        }
        foreach (var role in Roles.Except(Regional))
        {
            var answer = await _clients[role].GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}", _users[role].Token);
            Assert.That(answer.Json.EnumerateArray().Select(c => c.GetProperty("region").GetString()).Distinct().Count(), Is.EqualTo(16), role);
        }
    }

    [Test]
    public async Task A_gore_lists_only_the_oficios_of_its_region()
    {
        var gore = _users["gore"];
        var mine = await _clients["gore"].GetAnswerAsync("/api/v1/oficios", gore.Token);
        Assert.That(mine.Code, Is.EqualTo(200), mine.ToString());
        var regions = mine.Json.EnumerateArray().Select(o => o.GetProperty("region").GetString()).ToList();
        Assert.That(regions, Is.Not.Empty.And.All.EqualTo(Own));
        var asked = await _clients["gore"].GetAnswerAsync($"/api/v1/oficios?region={Other}", gore.Token);
        Assert.That(asked.Json.GetArrayLength(), Is.Zero, "asking for another region's oficios finds none");
        var all = await _clients["administrador"].GetAnswerAsync("/api/v1/oficios", _users["administrador"].Token);
        Assert.That(all.Json.EnumerateArray().Select(o => o.GetProperty("region").GetString()).Distinct().Count(), Is.EqualTo(16));
    }

    [Test]
    public async Task An_oficio_is_found_by_its_key_from_the_list_and_only_by_whom_sees_its_region()
    {
        var gore = _users["gore"];
        var listed = (await _clients["gore"].GetAnswerAsync("/api/v1/oficios", gore.Token)).Json.EnumerateArray().First().GetProperty("id").GetString()!;
        var found = await _clients["gore"].GetAnswerAsync("/api/v1/oficios/" + Uri.EscapeDataString(listed), gore.Token);
        Assert.That(found.Code, Is.EqualTo(200), found.ToString());
        Assert.That(found.Json.GetProperty("id").GetString(), Is.EqualTo(listed));
        var other = await _clients["gore"].GetAnswerAsync("/api/v1/oficios/" + Uri.EscapeDataString(_oficios[Other]), gore.Token);
        Assert.That(other.Code, Is.EqualTo(404), other.ToString());
    }

    [Test]
    public async Task A_regional_role_s_cycle_journal_holds_only_its_region_and_the_whole_journal_every_region()
    {
        var journal = await _clients["gore"].GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}/{Own}/diario?limite=500", _users["gore"].Token);
        Assert.That(journal.Code, Is.EqualTo(200), journal.ToString());
        var lines = journal.Json.GetProperty("lineas").EnumerateArray().Select(l => l.GetProperty("region").GetString()).ToList();
        Assert.That(lines, Is.Not.Empty.And.All.EqualTo(Own));
        var whole = await _clients["auditor"].GetAnswerAsync("/api/v1/diario?limite=500", _users["auditor"].Token);
        Assert.That(whole.Json.GetProperty("lineas").EnumerateArray().Select(l => l.TryGetProperty("region", out var r) ? r.GetString() : null).Distinct().Count(), Is.GreaterThan(1));
    }

    /// <summary>Why <paramref name="answer"/> is not what <paramref name="expected"/> means; null when it is.</summary>
    private static string? Check(ApiOperation operation, Outcome expected, ApiAnswer answer)
    {
        if (ApiProblemsCheck.Fault(answer) is { } fault)
        {
            return fault;
        }
        var fits = expected switch
        {
            Outcome.Unauthorized => answer.Code == 401,
            Outcome.Forbidden => answer.Code == 403,
            Outcome.Hidden => answer.Code == 404,
            // A permitted read answers; a permitted change may refuse the empty body or the state, but not the caller.
            _ => operation.IsRead ? answer.Code is >= 200 and < 300 : answer.Code is (>= 200 and < 300) or 400 or 409 or 413 or 415 or 422,
        };
        return fits ? null : $"{answer.Code}";
    }

    private async Task<ApiAnswer> CallAsync(ApiOperation operation, string? role, bool own)
    {
        var path = new StringBuilder(operation.Template);
        foreach (var parameter in operation.InPath)
        {
            var value = PathValue(operation, parameter.Name, role, own)
                ?? throw new AssertionException($"{operation}: the matrix has no value for the path parameter {{{parameter.Name}}}; add one to {nameof(PathValue)}");
            path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value));
        }
        var content = operation.IsRead || operation.Method == "DELETE" ? null : ApiRequests.Json("{}");
        var client = role is null ? _anonymous : _clients[role];
        return await client.SendAsync(new HttpMethod(operation.Method), path.ToString(), role is null ? null : _users[role].Token, content);
    }

    /// <summary>A path parameter's value: the budget year, the caller's region or another, an id of real data of that region or the caller's own.</summary>
    private string? PathValue(ApiOperation operation, string name, string? role, bool own) => (operation.Template, name) switch
    {
        (_, "anio") => ApiService.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "region") => own ? Own : Other,
        ("/api/v1/oficios/{id}" or "/api/v1/oficios/{id}/pdf" or "/api/v1/oficios/{id}/docdigital", "id") => _oficios[own ? Own : Other],
        ("/api/v1/documentos/{id}", "id") => ApiRequests.Quoted(_documents[own ? Own : Other]),
        // One's own spare token (revoking it again answers the same); anonymous: anybody's.
        ("/api/v1/yo/tokens/{id}", "id") => ApiRequests.Quoted(_spareTokens[role ?? "administrador"]),
        // The shipped definition (read only); ids and names of nothing for the changes (OnlyOnAbsent).
        ("/api/v1/definiciones/{id}" or "/api/v1/definiciones/{id}/xml" or "/api/v1/definiciones/{id}/instancias" or "/api/v1/definiciones/{id}/comparacion"
            or "/api/v1/definiciones/{id}/mapa", "id") => "1",
        (_, "id") => "999999",
        ("/api/v1/definiciones/{clave}/{version}/retirar", "clave") => "no-existe",
        (_, "version") => "1",
        (_, "lugar") => "central",
        (_, "etapa") => "final",
        (_, "firma") => "no-es-una-firma",
        (_, "rol") => Cycle.CycleRoles.GerenciaRegiones,
        (_, "clave") => "ajuste",
        _ => null,
    };
}
