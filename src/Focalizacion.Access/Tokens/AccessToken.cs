using NodaTime;

namespace Focalizacion.Access.Tokens;

/// <summary>A personal access token as listed: never the token itself, only its first characters.</summary>
public sealed record AccessToken(long Id, string Name, string Prefix, Instant CreatedAt, Instant ExpiresAt, Instant? LastUsedAt, Instant? RevokedAt)
{
    public bool ValidAt(Instant now) => RevokedAt is null && ExpiresAt > now;
}
