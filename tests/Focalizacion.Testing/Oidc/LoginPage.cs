using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Focalizacion.Testing.Oidc;

/// <summary>
/// The provider's login form (fields <c>run</c> and <c>clave</c>), and the little a test needs to
/// fill it in: where it posts and its hidden fields.
/// </summary>
internal static partial class LoginPage
{
    /// <summary>The hidden field that carries the authorization request back after login.</summary>
    public const string ReturnField = "volver";

    public static IResult Render(string title, string action, string returnUrl, string? error)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p class="error">{html.Encode(error)}</p>""";
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="es">
            <head><meta charset="utf-8"><title>{html.Encode(title)}</title></head>
            <body>
            <h1>{html.Encode(title)}</h1>
            {message}
            <form method="post" action="{html.Encode(action)}">
            <input type="hidden" name="{ReturnField}" value="{html.Encode(returnUrl)}">
            <label>RUN <input name="run" autocomplete="username"></label>
            <label>Clave <input name="clave" type="password" autocomplete="current-password"></label>
            <button type="submit">Ingresar</button>
            </form>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>The form's action and hidden fields, if <paramref name="page"/> is the login form.</summary>
    public static (string Action, Dictionary<string, string> Fields)? Read(string page)
    {
        var form = FormTag().Match(page);
        if (!form.Success)
        {
            return null;
        }
        var fields = HiddenInput().Matches(page).ToDictionary(
            input => WebUtility.HtmlDecode(input.Groups["name"].Value),
            input => WebUtility.HtmlDecode(input.Groups["value"].Value),
            StringComparer.Ordinal);
        return (WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }

    /// <summary>The error the page shows, if any.</summary>
    public static string? Error(string page)
    {
        var error = ErrorParagraph().Match(page);
        return error.Success ? WebUtility.HtmlDecode(error.Groups["text"].Value) : null;
    }

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]*)">""")]
    private static partial Regex FormTag();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<p class="error">(?<text>[^<]*)</p>""")]
    private static partial Regex ErrorParagraph();
}
