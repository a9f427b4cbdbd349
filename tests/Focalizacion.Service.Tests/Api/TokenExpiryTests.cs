using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// A token's expiry is the service's clock's to judge: tokens made for one day and for three on
/// 20 November, and the service started with its clock (FOCALIZACION_RELOJ) two days later: the
/// first is refused, the second still works.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TokenExpiryTests
{
    private static readonly OffsetDateTime Made = OffsetDateTimePattern.ExtendedIso.Parse("2026-11-20T12:00:00-03:00").Value;

    private ApiService _api = null!;
    private string _oneDay = null!;
    private string _threeDays = null!;

    [OneTimeSetUp]
    public async Task StartServiceTwoDaysLater() =>
        _api = await ApiService.StartAsync(Made.Plus(Duration.FromDays(2)), async database =>
        {
            // As `usuario token --dias 1` would on 20 November: the users table and the tokens, with that day's clock.
            var clock = new FakeClock(Made.ToInstant());
            var users = new UserStore(database.Store, clock);
            var (user, problem) = await users.CreateAsync(new NewUser("vence@prueba.example.cl", "gore", "NB", null, null), null, Focalizacion.Runtime.Actor.Cli("prueba"));
            Assert.That(problem, Is.Null);
            var tokens = new AccessTokens(database.Store, clock);
            _oneDay = (await tokens.CreateForAsync(users, user!.Email, 1, Focalizacion.Runtime.Actor.Cli("prueba")))!;
            _threeDays = (await tokens.CreateForAsync(users, user.Email, 3, Focalizacion.Runtime.Actor.Cli("prueba")))!;
        }, waitForOficios: false);

    [OneTimeTearDown]
    public async Task StopService() => await _api.DisposeAsync();

    [Test]
    public async Task A_token_past_its_days_is_refused_and_one_within_them_works()
    {
        var client = _api.Client();
        var expired = await client.GetAnswerAsync("/api/v1/regiones", _oneDay);
        var valid = await client.GetAnswerAsync("/api/v1/regiones", _threeDays);
        Assert.Multiple(() =>
        {
            Assert.That(expired.Code, Is.EqualTo(401), expired.ToString());
            Assert.That(ApiProblemsCheck.Fault(expired), Is.Null);
            Assert.That(expired.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
            Assert.That(valid.Code, Is.EqualTo(200), valid.ToString());
        });
        var listed = await client.GetAnswerAsync("/api/v1/yo/tokens", _threeDays);
        Assert.That(listed.Json.EnumerateArray().Select(t => t.GetProperty("vigente").GetBoolean()), Is.EquivalentTo(new[] { false, true }));
    }
}
