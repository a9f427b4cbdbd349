using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// Every operation the OpenAPI document lists, sent bad input generated from its parameters and
/// body schema — wrong values in each path and query parameter (unknown region, years out of the
/// calendar, ids that are not numbers, very long strings, invalid dates, NUL characters), and
/// malformed, mistyped, over-long and oversized bodies — by an administrator, a GORE and an
/// anonymous caller. Whatever the input, the answer is never a 5xx; an error is Spanish problem
/// details; no stack trace, exception or library name leaks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputWalkerTests
{
    /// <summary>One bad request: what it is, where it goes, what it carries, and whether it must be refused (a bad body always is).</summary>
    private sealed record BadCase(string What, ApiOperation Operation, string PathAndQuery, Func<HttpContent?> Content, bool MustBeRefused, bool Chunked = false)
    {
        public override string ToString() => $"{Operation}: {What}";
    }

    private static readonly string LongText = new('a', 3000);

    /// <summary>Values for a path parameter, as text (escaped when sent).</summary>
    private static readonly string[] BadPathValues =
    [
        "ZZ", "*", "NB,BI", "0", "-1", "1899", "99999", "2147483648", "99999999999999999999", "abc", "1.5", "1e3", LongText,
        "Ñuble ñandú", "../..", "NB; DROP TABLE journal; --", "%2F", "<script>alert(1)</script>", "\u00ff\u00fe", "😀",
    ];

    /// <summary>Values for a query parameter, whatever its type: not numbers, out of range, not dates or impossible ones, long, NUL.</summary>
    private static readonly string[] BadQueryValues =
    [
        "", "ZZ", "*", "NB,BI", "abc", "-1", "0", "1.5", "2147483648", "-2147483649", "99999999999999999999",
        "no-es-fecha", "2026-02-30", "2026-13-01", "9999-12-31", "0000-01-01", "-0001-01-01", "2026-1-1", "20261101", "2026-11-01T00:00:00Z",
        LongText, "\0", "a\0b", "'; DROP TABLE journal; --", "\u00ff", "😀",
    ];

    /// <summary>Bodies that are not one JSON object: malformed, another kind of value, nested too deep.</summary>
    private static readonly string[] MalformedBodies =
    [
        "{", "{\"a\":", "[1,2", "nul", "tru", "\"texto\"", "[]", "null", "1", "{}{}", "{\"a\":1,}", "{'a':1}", "{\"a\":1 /* comentario */}",
        "{\"a\":\"\\ud800\"}", new string('[', 5000) + new string(']', 5000), string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
    ];

    private ApiService _api = null!;
    private IReadOnlyList<ApiOperation> _operations = null!;
    private (string Name, string? Token)[] _callers = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _api = await ApiService.StartAsync(waitForOficios: false);
        var administrador = await _api.UserAsync("administrador");
        var gore = await _api.UserAsync("gore", "NB");
        _callers = [("administrador", administrador.Token), ("gore", gore.Token), ("anonymous", null)];
        // Every request from its own address (and connection): the login and token limits would otherwise answer 429 and hide the real answer.
        _client = _api.Client(source: null);
        _operations = await OpenApiOperations.ReadAsync(_client);
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Bad_path_values_never_get_a_5xx_nor_a_leak()
    {
        var cases = _operations.SelectMany(o => o.InPath.SelectMany(p => BadPathValues.Select(v =>
            new BadCase($"{{{p.Name}}} = {Shown(v)}", o, Path(o, p.Name, v), () => JsonBodyFor(o), MustBeRefused: false)))).ToList();
        Assert.That(cases, Is.Not.Empty);
        await AssertAllAcceptableAsync(cases);
    }

    [Test]
    public async Task Bad_query_values_never_get_a_5xx_nor_a_leak()
    {
        var cases = _operations.SelectMany(o => o.InQuery.SelectMany(p => BadQueryValues.Select(v =>
                new BadCase($"?{p.Name} = {Shown(v)}", o, Path(o) + "?" + p.Name + "=" + Uri.EscapeDataString(v), () => JsonBodyFor(o), MustBeRefused: false))
            .Append(new BadCase($"?{p.Name} twice", o, Path(o) + $"?{p.Name}=1&{p.Name}=2", () => JsonBodyFor(o), MustBeRefused: false)))
            // Every operation at least once: with a parameter it does not take.
            .Append(new BadCase("?campoDesconocido=1", o, Path(o) + "?campoDesconocido=1", () => JsonBodyFor(o), MustBeRefused: false))).ToList();
        await AssertAllAcceptableAsync(cases);
    }

    [Test]
    public async Task Bad_bodies_are_refused_as_Spanish_problem_details_without_a_leak()
    {
        var cases = _operations.Where(o => o.TakesBody).SelectMany(BodyCases).ToList();
        Assert.That(cases, Is.Not.Empty, "the document lists operations that take a body");
        await AssertAllAcceptableAsync(cases);
    }

    private async Task AssertAllAcceptableAsync(IReadOnlyList<BadCase> cases)
    {
        var faults = new ConcurrentBag<string>();
        var work = cases.SelectMany(c => _callers.Select(caller => (Case: c, Caller: caller)));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var (badCase, (name, token)) = item;
            var answer = await _client.SendAsync(new HttpMethod(badCase.Operation.Method), badCase.PathAndQuery, token, badCase.Content(), from: ApiService.NextAddress(), chunked: badCase.Chunked);
            if (ApiProblemsCheck.Fault(answer) is { } fault)
            {
                faults.Add($"{badCase} as {name}: {fault} — {answer}");
            }
            else if (badCase.MustBeRefused && answer.Code is < 400 or >= 500)
            {
                faults.Add($"{badCase} as {name}: a bad body was accepted — {answer}");
            }
        });
        Assert.That(faults, Is.Empty, $"{faults.Count} of {cases.Count * _callers.Length} bad requests answered wrongly:\n" + string.Join("\n", faults.OrderBy(f => f, StringComparer.Ordinal).Take(60)));
    }

    /// <summary>The bad bodies for <paramref name="operation"/>: malformed, mistyped per property, with an unknown field, over-long strings, NUL, oversized, not JSON.</summary>
    private static IEnumerable<BadCase> BodyCases(ApiOperation operation)
    {
        var path = Path(operation);
        BadCase Json(string what, string json, bool chunked = false) =>
            new(what, operation, path, () => ApiRequests.Json(json), MustBeRefused: true, chunked);
        foreach (var malformed in MalformedBodies)
        {
            yield return Json($"malformed body {Shown(malformed)}", malformed);
        }
        yield return new BadCase("empty body", operation, path, () => ApiRequests.Json(""), MustBeRefused: true);
        yield return new BadCase("no body at all", operation, path, () => null, MustBeRefused: true);
        yield return new BadCase("invalid UTF-8", operation, path, () => Bytes([.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8], "application/json"), MustBeRefused: true);
        yield return new BadCase("JSON sent as text/plain", operation, path, () => Bytes([.. Encoding.UTF8.GetBytes(Base(operation).ToJsonString())], "text/plain"), MustBeRefused: true);
        yield return new BadCase("JSON sent as a form", operation, path, () => new FormUrlEncodedContent([new("correo", "a@b.cl")]), MustBeRefused: true);
        yield return Json("an unknown field", With(Base(operation), "campoDesconocido", JsonValue.Create(1)).ToJsonString());
        // Over 1 MiB: with its length announced, and chunked so the server only finds out while reading.
        var huge = "{\"relleno\":\"" + new string('a', 1_200_000) + "\"}";
        yield return Json("a body over 1 MiB", huge);
        yield return Json("a chunked body over 1 MiB", huge, chunked: true);
        foreach (var property in operation.BodyProperties)
        {
            foreach (var (kind, value) in WrongValues(property))
            {
                yield return Json($"{property.Name} as {kind}", With(Base(operation), property.Name, value).ToJsonString());
            }
            yield return Json($"{property.Name} 100 000 characters long", With(Base(operation), property.Name, JsonValue.Create(new string('x', 100_000))).ToJsonString());
            yield return Json($"{property.Name} with a NUL", With(Base(operation), property.Name, JsonValue.Create("a\0b")).ToJsonString());
            yield return Json($"{property.Name} with a lone surrogate", With(Base(operation), property.Name, JsonValue.Create("sustituto")).ToJsonString()
                .Replace("\"sustituto\"", "\"a\\ud800b\"", StringComparison.Ordinal));
        }
    }

    /// <summary>A body of the right shape: each property given a value of a type its schema allows.</summary>
    private static JsonObject Base(ApiOperation operation)
    {
        var body = new JsonObject();
        foreach (var property in operation.BodyProperties)
        {
            var types = property.Types;
            // The most specific type first: a number that may also be written as text is given a number.
            body[property.Name] = types.Contains("integer") || types.Contains("number") ? JsonValue.Create(1)
                : types.Contains("boolean") ? JsonValue.Create(true)
                : types.Contains("object") ? new JsonObject()
                : types.Contains("array") ? new JsonArray()
                : JsonValue.Create("x");
        }
        return body;
    }

    /// <summary>Values of every JSON kind the property's schema does not allow (a text that breaks its pattern too).</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> WrongValues(ApiProperty property)
    {
        var types = property.Types;
        if (!types.Contains("string") || property.HasPattern)
        {
            yield return ("a string", JsonValue.Create("texto"));
        }
        if (types.Count > 0 && !types.Contains("integer") && !types.Contains("number"))
        {
            yield return ("a number", JsonValue.Create(12345));
        }
        if (types.Count > 0 && !types.Contains("number"))
        {
            yield return ("a fraction", JsonValue.Create(1.5));
        }
        if (types.Contains("integer"))
        {
            yield return ("a number beyond 64 bits", JsonNode.Parse("99999999999999999999"));
        }
        if (types.Count > 0 && !types.Contains("boolean"))
        {
            yield return ("a boolean", JsonValue.Create(true));
        }
        if (types.Count > 0 && !types.Contains("object"))
        {
            yield return ("an object", new JsonObject { ["a"] = 1 });
        }
        if (types.Count > 0 && !types.Contains("array"))
        {
            yield return ("an array", new JsonArray(1, 2));
        }
    }

    private static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        body[name] = value;
        return body;
    }

    /// <summary>The body a caller would send if it got everything else wrong: the right shape, for an operation that takes one.</summary>
    private static HttpContent? JsonBodyFor(ApiOperation operation) => operation.TakesBody ? ApiRequests.Json(Base(operation).ToJsonString()) : null;

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>The operation's path with plausible values (this year, the GORE's region, an id nobody has), one parameter replaced when given.</summary>
    private static string Path(ApiOperation operation, string? replaced = null, string? value = null)
    {
        var path = new StringBuilder(operation.Template);
        foreach (var parameter in operation.InPath)
        {
            var plausible = parameter.Name switch
            {
                "anio" => ApiService.Year.ToString(CultureInfo.InvariantCulture),
                "region" => "NB",
                _ => "999999",
            };
            path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(parameter.Name == replaced ? value! : plausible));
        }
        return path.ToString();
    }

    private static string Shown(string value) =>
        value.Length > 40 ? $"«{value[..20]}…» ({value.Length} characters)" : $"«{value.Replace("\0", "\\0", StringComparison.Ordinal)}»";
}
