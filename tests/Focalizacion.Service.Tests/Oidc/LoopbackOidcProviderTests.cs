using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Focalizacion.Testing.Oidc;
using Microsoft.AspNetCore.WebUtilities;

namespace Focalizacion.Service.Tests.Oidc;

/// <summary>
/// The test OpenID Connect provider on its own, driven as the service's OpenID Connect handler and a
/// person's browser will drive it: discovery, the login form, the code exchanged with a client secret
/// (in the body and as HTTP Basic), and ClaveÚnica's userinfo fetched by POST with the bearer token.
/// </summary>
[TestFixture]
public sealed class LoopbackOidcProviderTests
{
    private static readonly Uri Callback = new("http://127.0.0.1:5999/signin-oidc");
    private static readonly Uri AfterLogout = new("http://127.0.0.1:5999/signout-callback-oidc");
    private static readonly OidcClientRegistration Client = new("focalizacion", "secreto-de-prueba", [Callback], [AfterLogout]);

    private static readonly OidcPerson Jose = new("44.444.444-4", "José Ignacio", "Pérez González", "jose@example.cl", "clave-jose");

    private LoopbackOidcProvider _claveUnica = null!;
    private LoopbackOidcProvider _standard = null!;

    [OneTimeSetUp]
    public async Task StartProviders()
    {
        _claveUnica = await LoopbackOidcProvider.StartAsync(Client, [Jose]);
        _standard = await LoopbackOidcProvider.StartAsync(Client, [Jose], OidcProfile.Standard);
    }

    [OneTimeTearDown]
    public async Task StopProviders()
    {
        await _claveUnica.DisposeAsync();
        await _standard.DisposeAsync();
    }

    [Test]
    public async Task Discovery_describes_a_code_flow_provider_with_client_secrets_and_ClaveUnica_scopes()
    {
        using var http = new HttpClient();
        var discovery = await JsonAsync(http, new Uri(_claveUnica.Issuer, ".well-known/openid-configuration"));
        var jwks = await JsonAsync(http, new Uri(discovery.GetProperty("jwks_uri").GetString()!));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_claveUnica.Issuer.AbsoluteUri, Does.Match(@"^http://127\.0\.0\.1:\d+/$"));
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(_claveUnica.Issuer.AbsoluteUri));
            Assert.That(discovery.GetProperty("authorization_endpoint").GetString(), Is.EqualTo(_claveUnica.AuthorizationEndpoint.AbsoluteUri));
            Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo(_claveUnica.TokenEndpoint.AbsoluteUri));
            Assert.That(discovery.GetProperty("userinfo_endpoint").GetString(), Is.EqualTo(_claveUnica.UserInfoEndpoint.AbsoluteUri));
            Assert.That(discovery.GetProperty("end_session_endpoint").GetString(), Is.EqualTo(_claveUnica.EndSessionEndpoint.AbsoluteUri));
            Assert.That(Strings(discovery, "response_types_supported"), Is.EqualTo(new[] { "code" }));
            Assert.That(Strings(discovery, "response_modes_supported"), Is.EqualTo(new[] { "query" }));
            Assert.That(Strings(discovery, "grant_types_supported"), Does.Contain("authorization_code"));
            Assert.That(Strings(discovery, "token_endpoint_auth_methods_supported"), Is.EquivalentTo(new[] { "client_secret_basic", "client_secret_post" }));
            Assert.That(Strings(discovery, "scopes_supported"), Is.SupersetOf(new[] { "openid", "run", "name" }).And.No.Contains("email"));
            Assert.That(Strings(discovery, "id_token_signing_alg_values_supported"), Does.Contain("RS256"));
            Assert.That(Strings(discovery, "code_challenge_methods_supported"), Does.Contain("S256"));
            Assert.That(jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kty").GetString()), Does.Contain("RSA"));
        }
    }

    [Test]
    public async Task Login_form_then_client_secret_post_gives_an_id_token_with_only_sub_and_ClaveUnica_userinfo_by_POST()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var authorize = AuthorizeUrl(_claveUnica, "openid run name", Callback, codeChallenge: Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));

        // The provider shows its form first: nobody is logged in to it yet.
        using (var first = await browser.GetAsync(authorize))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await first.Content.ReadAsStringAsync(), Does.Contain("name=\"run\"").And.Contain("name=\"clave\""));
        }
        var back = await _claveUnica.SignInAsync(browser, authorize, "44444444-4", "clave-jose");
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.That(back.GetLeftPart(UriPartial.Path), Is.EqualTo(Callback.AbsoluteUri));
        Assert.That(query["state"].ToString(), Is.EqualTo("estado-1"));

        var tokens = await RedeemAsync(_claveUnica, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Callback.AbsoluteUri,
            ["client_id"] = Client.ClientId,
            ["client_secret"] = Client.ClientSecret,
            ["code_verifier"] = verifier,
        });
        var idToken = JwtPayload(tokens.GetProperty("id_token").GetString()!);
        var before = _claveUnica.UserInfoRequests;
        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Post, _claveUnica.UserInfoEndpoint);
        userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var http = new HttpClient();
        using var userInfo = await http.SendAsync(userInfoRequest);
        var body = await userInfo.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tokens.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(idToken.GetProperty("sub").GetString(), Is.EqualTo(Jose.Subject));
            Assert.That(idToken.GetProperty("aud").ToString(), Does.Contain(Client.ClientId));
            Assert.That(idToken.GetProperty("iss").GetString(), Is.EqualTo(_claveUnica.Issuer.AbsoluteUri));
            Assert.That(idToken.GetProperty("nonce").GetString(), Is.EqualTo("nonce-1"));
            Assert.That(idToken.EnumerateObject().Select(claim => claim.Name), Has.None.AnyOf("RolUnico", "name", "email", "run"));
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(userInfo.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body, Is.EqualTo(
                $$$"""{"sub":"{{{Jose.Subject}}}","RolUnico":{"numero":44444444,"DV":"4","tipo":"RUN"},"name":{"nombres":["José","Ignacio"],"apellidos":["Pérez","González"]}}"""));
            Assert.That(_claveUnica.UserInfoRequests, Is.EqualTo(before + 1));
        }
    }

    [Test]
    public async Task Client_secret_basic_redeems_a_code_once_and_userinfo_answers_GET_too()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var back = await _claveUnica.SignInAsync(browser, AuthorizeUrl(_claveUnica, "openid run", Callback), "44.444.444-4", "clave-jose");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryHelpers.ParseQuery(back.Query)["code"].ToString(),
            ["redirect_uri"] = Callback.AbsoluteUri,
        };
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Client.ClientId}:{Client.ClientSecret}")));
        var tokens = await RedeemAsync(_claveUnica, form, basic);
        using var again = await PostTokenAsync(_claveUnica, form, basic);

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var userInfo = await JsonAsync(http, _claveUnica.UserInfoEndpoint);

        // The provider session stays: a second authorization needs no form.
        using var second = await browser.GetAsync(AuthorizeUrl(_claveUnica, "openid run", Callback));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("invalid_grant"));
            Assert.That(userInfo.GetProperty("RolUnico").GetProperty("numero").GetInt32(), Is.EqualTo(44444444));
            Assert.That(userInfo.TryGetProperty("name", out _), Is.False, "the name scope was not asked for");
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(second.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(Callback.AbsoluteUri));
        }
    }

    [Test]
    public async Task Wrong_password_shows_the_form_again_with_an_error_and_no_code()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var authorize = AuthorizeUrl(_claveUnica, "openid run name", Callback);
        using var form = await browser.GetAsync(authorize);
        var page = await form.Content.ReadAsStringAsync();
        var returnUrl = Regex.Match(page, "name=\"volver\" value=\"([^\"]*)\"").Groups[1].Value;
        using var refused = await browser.PostAsync(new Uri(_claveUnica.Issuer, LoopbackOidcProvider.LoginPath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["volver"] = WebUtility.HtmlDecode(returnUrl),
            ["run"] = "44.444.444-4",
            ["clave"] = "otra",
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.Headers.Location, Is.Null);
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("RUN o clave incorrectos.").And.Contain("name=\"clave\""));
            Assert.That(async () => await _claveUnica.SignInAsync(browser, authorize, "44.444.444-4", "otra"),
                Throws.InvalidOperationException.With.Message.Contains("RUN o clave incorrectos."));
            Assert.That(async () => await _claveUnica.SignInAsync(browser, authorize, "11.111.111-1", "clave-jose"),
                Throws.InvalidOperationException.With.Message.Contains("RUN o clave incorrectos."));
        }
    }

    [Test]
    public async Task Unknown_redirect_uri_client_secret_or_access_token_is_refused()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        using var authorize = await browser.GetAsync(AuthorizeUrl(_claveUnica, "openid run name", new Uri("http://127.0.0.1:5999/otra")));
        var back = await _claveUnica.SignInAsync(browser, AuthorizeUrl(_claveUnica, "openid", Callback), "44.444.444-4", "clave-jose");
        using var badSecret = await PostTokenAsync(_claveUnica, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryHelpers.ParseQuery(back.Query)["code"].ToString(),
            ["redirect_uri"] = Callback.AbsoluteUri,
            ["client_id"] = Client.ClientId,
            ["client_secret"] = "equivocado",
        });

        var answered = _claveUnica.UserInfoRequests;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "no-es-un-token");
        using var userInfo = await http.PostAsync(_claveUnica.UserInfoEndpoint, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(_claveUnica.UserInfoRequests, Is.EqualTo(answered), "only answered requests count");
            Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(authorize.Headers.Location, Is.Null, "no browser is sent to an unregistered redirect_uri");
            Assert.That(await authorize.Content.ReadAsStringAsync(), Does.Contain("invalid_request"));
            Assert.That(badSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badSecret.Content.ReadAsStringAsync(), Does.Contain("invalid_client"));
        }
    }

    [Test]
    public async Task Logout_ends_the_provider_session_and_returns_to_the_registered_uri()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var authorize = AuthorizeUrl(_claveUnica, "openid", Callback);
        await _claveUnica.SignInAsync(browser, authorize, "44.444.444-4", "clave-jose");
        using var logout = await browser.GetAsync(new Uri(
            QueryHelpers.AddQueryString(_claveUnica.EndSessionEndpoint.AbsoluteUri, "post_logout_redirect_uri", AfterLogout.AbsoluteUri)));
        using var unknown = await browser.GetAsync(new Uri(
            QueryHelpers.AddQueryString(_claveUnica.EndSessionEndpoint.AbsoluteUri, "post_logout_redirect_uri", "http://127.0.0.1:5999/otra")));
        using var again = await browser.GetAsync(authorize);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(logout.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(AfterLogout.AbsoluteUri));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "logged out: the form again");
        }
    }

    [Test]
    public async Task Standard_profile_gives_email_and_a_plain_name()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var back = await _standard.SignInAsync(browser, AuthorizeUrl(_standard, "openid profile email", Callback), "44.444.444-4", "clave-jose");
        var tokens = await RedeemAsync(_standard, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryHelpers.ParseQuery(back.Query)["code"].ToString(),
            ["redirect_uri"] = Callback.AbsoluteUri,
            ["client_id"] = Client.ClientId,
            ["client_secret"] = Client.ClientSecret,
        });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var userInfo = await JsonAsync(http, _standard.UserInfoEndpoint);
        var idToken = JwtPayload(tokens.GetProperty("id_token").GetString()!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(userInfo.GetProperty("sub").GetString(), Is.EqualTo(Jose.Subject));
            Assert.That(userInfo.GetProperty("name").GetString(), Is.EqualTo("José Ignacio Pérez González"));
            Assert.That(userInfo.GetProperty("email").GetString(), Is.EqualTo("jose@example.cl"));
            Assert.That(userInfo.TryGetProperty("RolUnico", out _), Is.False);
            Assert.That(idToken.GetProperty("email").GetString(), Is.EqualTo("jose@example.cl"));
        }
    }

    private static Uri AuthorizeUrl(LoopbackOidcProvider provider, string scope, Uri redirectUri, string? codeChallenge = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = Client.ClientId,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["state"] = "estado-1",
            ["nonce"] = "nonce-1",
        };
        if (codeChallenge is not null)
        {
            query["code_challenge"] = codeChallenge;
            query["code_challenge_method"] = "S256";
        }
        return new Uri(QueryHelpers.AddQueryString(provider.AuthorizationEndpoint.AbsoluteUri, query));
    }

    private static async Task<HttpResponseMessage> PostTokenAsync(
        LoopbackOidcProvider provider, Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, provider.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> RedeemAsync(
        LoopbackOidcProvider provider, Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var response = await PostTokenAsync(provider, form, authorization);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Strings(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!)];

    /// <summary>A JWT's claims, unverified: the signature is the client's business, these tests look at the content.</summary>
    private static JsonElement JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
