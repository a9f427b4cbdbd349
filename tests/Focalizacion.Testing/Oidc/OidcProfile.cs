namespace Focalizacion.Testing.Oidc;

/// <summary>What a <see cref="LoopbackOidcProvider"/>'s tokens and userinfo say about a person.</summary>
public enum OidcProfile
{
    /// <summary>
    /// Chile's ClaveÚnica: scopes <c>openid run name</c>; the id_token carries only <c>sub</c>;
    /// userinfo is <c>{"sub", "RolUnico": {"numero", "DV", "tipo"}, "name": {"nombres": [], "apellidos": []}}</c>; no email.
    /// </summary>
    ClaveUnica,

    /// <summary>
    /// A common provider: scopes <c>openid profile email</c>; the id_token and userinfo carry
    /// <c>name</c> (one string), <c>given_name</c>, <c>family_name</c>, <c>email</c> and <c>email_verified</c>.
    /// </summary>
    Standard,
}
