using NodaTime;

namespace Focalizacion.Access.Users;

/// <summary>What a login attempt with a password gave: the user, or why not (the same words whether the account exists or not).</summary>
public sealed record LoginOutcome(User? User, string? Refusal, Instant? LockedUntil = null)
{
    public static LoginOutcome Refused { get; } = new(null, "correo o clave incorrectos");

    public bool Success => User is not null;
}
