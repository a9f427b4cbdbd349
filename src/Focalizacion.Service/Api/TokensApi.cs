using Focalizacion.Access.Tokens;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using NodaTime;

namespace Focalizacion.Service.Api;

/// <summary><c>/api/v1/yo/tokens</c>: one's own personal access tokens: created (shown once), listed with their last use, revoked.</summary>
internal static class TokensApi
{
    public sealed record NewToken(string? Nombre, int? Dias);

    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/yo/tokens").WithTags("tokens").RequireAuthorization();
        tokens.MapGet("", ListAsync).WithSummary("Sus tokens de acceso personal");
        tokens.MapPost("", CreateAsync).RequireRateLimiting(ServiceIdentity.CredentialsLimit).Takes<NewToken>()
            .WithSummary("Crea un token de acceso personal; el token se muestra solo en esta respuesta");
        tokens.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revoca uno de sus tokens");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiDatabase database, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        return TypedResults.Ok((await database.Tokens.ListAsync(Caller.Of(context).Id, context.RequestAborted)).Select(t => Json(t, now)));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiDatabase database, IClock clock)
    {
        var (body, problem) = await ApiJson.ReadAsync<NewToken>(context.Request);
        if (problem is not null)
        {
            return problem;
        }
        var days = body!.Dias ?? AccessTokens.DefaultDays;
        if (AccessTokens.Check(body.Nombre, days) is { } refused)
        {
            return ApiProblems.BadRequest(refused);
        }
        var (token, record) = await database.Tokens.CreateAsync(Caller.Of(context).Id, body.Nombre!.Trim(), days, Caller.Actor(context), context.RequestAborted);
        return TypedResults.Created($"/api/v1/yo/tokens/{record.Id}", new { token, registro = Json(record, clock.GetCurrentInstant()) });
    }

    private static async Task<IResult> RevokeAsync(long id, HttpContext context, ApiDatabase database) =>
        await database.Tokens.RevokeAsync(Caller.Of(context).Id, id, Caller.Actor(context), context.RequestAborted)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("id: usted no tiene un token con ese número");

    private static object Json(AccessToken t, Instant now) => new
    {
        id = t.Id,
        nombre = t.Name,
        prefijo = t.Prefix,
        creado = CycleJson.Instant(t.CreatedAt.InUtc()),
        expira = CycleJson.Instant(t.ExpiresAt.InUtc()),
        ultimoUso = t.LastUsedAt is { } used ? CycleJson.Instant(used.InUtc()) : null,
        revocado = t.RevokedAt is { } revoked ? CycleJson.Instant(revoked.InUtc()) : null,
        vigente = t.ValidAt(now),
    };
}
