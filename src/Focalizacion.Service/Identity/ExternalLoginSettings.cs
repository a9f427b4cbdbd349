namespace Focalizacion.Service.Identity;

/// <summary>The kind of provider: what its userinfo says and how a person is matched to a user.</summary>
internal enum ProviderProfile
{
    /// <summary>ClaveÚnica: scope <c>openid run name</c>; the RUN in <c>RolUnico</c> of the userinfo (fetched with POST); no e-mail.</summary>
    ClaveUnica,

    /// <summary>Any other OpenID Connect provider: scope <c>openid email profile</c>; matched by a verified e-mail.</summary>
    Standard,
}

/// <summary>
/// The external OpenID Connect login, when configured: <c>FOCALIZACION_OIDC_AUTORIDAD</c> (the
/// issuer; its discovery document is read), <c>_CLIENTE</c>, <c>_SECRETO</c>, <c>_PERFIL</c>
/// (<c>claveunica</c> or <c>estandar</c>) and <c>_NOMBRE</c> (how the login button calls it).
/// Without an authority there is no external login; with one, the other settings are required.
/// </summary>
internal sealed record ExternalLoginSettings(Uri Authority, string ClientId, string ClientSecret, ProviderProfile Profile, string DisplayName)
{
    public const string AuthorityVariable = "FOCALIZACION_OIDC_AUTORIDAD";
    public const string ClientVariable = "FOCALIZACION_OIDC_CLIENTE";
    public const string SecretVariable = "FOCALIZACION_OIDC_SECRETO";
    public const string ProfileVariable = "FOCALIZACION_OIDC_PERFIL";
    public const string NameVariable = "FOCALIZACION_OIDC_NOMBRE";

    /// <summary>Where the provider sends the browser back (must be registered with it).</summary>
    public const string CallbackPath = "/api/v1/sesion/externa/retorno";

    /// <summary>Plain HTTP is accepted only for a provider on this machine (tests, a local rehearsal).</summary>
    public bool RequireHttps => !Authority.IsLoopback;

    public string Scope => Profile == ProviderProfile.ClaveUnica ? "openid run name" : "openid email profile";

    /// <summary>The settings of <paramref name="configuration"/>; null when no authority is set; a bad or missing one stops the start naming it.</summary>
    public static ExternalLoginSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AuthorityVariable] is not { Length: > 0 } authority)
        {
            return null;
        }
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new Hosting.ServiceConfigurationException($"{AuthorityVariable}: «{authority}» no es una dirección https del proveedor (http solo para uno en esta máquina)");
        }
        string Required(string variable) => configuration[variable] is { Length: > 0 } value
            ? value
            : throw new Hosting.ServiceConfigurationException($"falta {variable}: con {AuthorityVariable} definida, el ingreso externo la necesita");
        var profile = (configuration[ProfileVariable] ?? "estandar").ToLowerInvariant() switch
        {
            "claveunica" or "claveúnica" => ProviderProfile.ClaveUnica,
            "estandar" or "estándar" => ProviderProfile.Standard,
            var other => throw new Hosting.ServiceConfigurationException($"{ProfileVariable}: «{other}» no es un perfil; los perfiles son claveunica y estandar"),
        };
        return new ExternalLoginSettings(uri, Required(ClientVariable), Required(SecretVariable), profile,
            configuration[NameVariable] is { Length: > 0 } name ? name : profile == ProviderProfile.ClaveUnica ? "ClaveÚnica" : uri.Host);
    }
}
