using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Service.Tests.Identity;

/// <summary>
/// A token's last use is recorded to the minute: a program's requests within a minute of the
/// recorded use write nothing (every API read would otherwise be a write committed to disk,
/// queued on the token's row), and one a minute later moves it.
/// </summary>
public sealed class TokenLastUseTests
{
    [Test]
    public async Task Last_use_is_written_at_most_once_a_minute_and_every_use_authenticates()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var clock = new VirtualClock(Instant.FromUtc(2026, 12, 1, 12, 0));
        var users = new UserStore(database.Store, clock);
        var tokens = new AccessTokens(database.Store, clock);
        var user = (await users.CreateAsync(new("programa@sercotec.cl", "auditor", null, null, null), null, Focalizacion.Runtime.Actor.Cli("prueba"))).User!;
        var (token, _) = await tokens.CreateAsync(user.Id, "programa", 1, Focalizacion.Runtime.Actor.Cli("prueba"));
        async Task<Instant?> LastUseAsync() => (await tokens.ListAsync(user.Id)).Single().LastUsedAt;

        var first = clock.GetCurrentInstant();
        var ids = new List<long?> { (await tokens.AuthenticateAsync(token))?.Id };
        var afterFirst = await LastUseAsync();
        clock.AdvanceTo(first + Duration.FromSeconds(59));
        ids.Add((await tokens.AuthenticateAsync(token))?.Id);
        var withinTheMinute = await LastUseAsync();
        clock.AdvanceTo(first + Duration.FromSeconds(61));
        ids.Add((await tokens.AuthenticateAsync(token))?.Id);
        var aMinuteLater = await LastUseAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.All.EqualTo(user.Id));
            Assert.That(afterFirst, Is.EqualTo(first), "the first use is recorded");
            Assert.That(withinTheMinute, Is.EqualTo(first), "59 s later: not written again");
            Assert.That(aMinuteLater, Is.EqualTo(first + Duration.FromSeconds(61)), "61 s later: moved");
        });
    }

    [Test]
    public async Task A_revoked_token_is_refused_even_within_the_minute_of_its_last_use()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var clock = new VirtualClock(Instant.FromUtc(2026, 12, 1, 12, 0));
        var users = new UserStore(database.Store, clock);
        var tokens = new AccessTokens(database.Store, clock);
        var user = (await users.CreateAsync(new("programa@sercotec.cl", "auditor", null, null, null), null, Focalizacion.Runtime.Actor.Cli("prueba"))).User!;
        var (token, record) = await tokens.CreateAsync(user.Id, "programa", 1, Focalizacion.Runtime.Actor.Cli("prueba"));
        var before = (await tokens.AuthenticateAsync(token))?.Id;
        await tokens.RevokeAsync(user.Id, record.Id, Focalizacion.Runtime.Actor.Cli("prueba"));
        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.EqualTo(user.Id));
            Assert.That(await tokens.AuthenticateAsync(token), Is.Null);
        });
    }
}
