namespace Focalizacion.Testing.Oidc;

/// <summary>
/// The one confidential client a <see cref="LoopbackOidcProvider"/> knows. Redirect URIs are
/// compared exactly (as <see cref="Uri.AbsoluteUri"/>); an authorization request with any other is refused.
/// </summary>
/// <param name="ClientId">The <c>client_id</c>.</param>
/// <param name="ClientSecret">The <c>client_secret</c>, sent in the token request's body or as HTTP Basic.</param>
/// <param name="RedirectUris">Where the authorization endpoint may send the browser back to with a code.</param>
/// <param name="PostLogoutRedirectUris">Where the end-session endpoint may send the browser back to; none if null.</param>
public sealed record OidcClientRegistration(
    string ClientId,
    string ClientSecret,
    IReadOnlyList<Uri> RedirectUris,
    IReadOnlyList<Uri>? PostLogoutRedirectUris = null);
