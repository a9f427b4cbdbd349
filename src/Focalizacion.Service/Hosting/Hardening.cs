using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// What exposing the service takes: the host names it answers to (<c>FOCALIZACION_HOSTS</c>,
/// loopback names by default), the reverse proxies whose forwarded headers it believes
/// (<c>FOCALIZACION_PROXIES</c>, none by default), a bound on request bodies, no <c>Server</c>
/// header, and security headers on every answer.
/// </summary>
internal static class Hardening
{
    public const string HostsVariable = "FOCALIZACION_HOSTS";
    public const string ProxiesVariable = "FOCALIZACION_PROXIES";

    /// <summary>Host names accepted when <see cref="HostsVariable"/> is not set.</summary>
    public const string DefaultHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>Largest request body of any kind: above the largest an operation reads (a BPMN upload, 10 MiB), each of which has its own limit and says it.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024 * 1024;

    /// <summary>For every page and answer; the job dashboard and the API reference, pages of other projects, also need their inline scripts and styles.</summary>
    private const string StrictPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /// <summary>
    /// For the workflow designer (<c>/disenador</c>): the strict policy, but for the two style
    /// attributes bpmn-js-properties-panel writes into its containers («height: 100%», «flex: none;
    /// height: auto»), allowed by their hashes only ('unsafe-hashes' lets a hash match a style
    /// attribute; no other inline style or script runs).
    /// </summary>
    private const string DesignerPolicy = "default-src 'self'; style-src 'self' 'unsafe-hashes' 'sha256-nR5hyLltSjfvi2rqC26RbcredWrJvTaPA1yqPX96jpY=' 'sha256-LIWyuNLBDBQuKJLr4mOx2cFEzHX9lM0BrbfcAAzCvSU='; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private const string InlinePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        configuration["AllowedHosts"] = configuration[HostsVariable] is { Length: > 0 } hosts ? hosts : DefaultHosts;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        var proxies = Proxies(configuration[ProxiesVariable]);
        builder.Services.AddSingleton(new TrustedProxies(proxies));
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    public static WebApplication UseHardening(this WebApplication app)
    {
        // Only the configured proxies are believed. With none the middleware is not used at all: with
        // empty lists of proxies and networks it would believe anyone (and by default, loopback).
        if (app.Services.GetRequiredService<TrustedProxies>().Addresses.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.Use((context, next) =>
        {
            // Set as the answer starts: an error page written after the exception handler cleared
            // the headers gets them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                var inline = path.StartsWithSegments("/hangfire") || (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1"));
                headers.ContentSecurityPolicy = inline ? InlinePolicy : path.StartsWithSegments("/disenador") ? DesignerPolicy : StrictPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The addresses of <see cref="ProxiesVariable"/> (comma-separated); one that is not an IP address stops the start-up naming it.</summary>
    public static IReadOnlyList<IPAddress> Proxies(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new ServiceConfigurationException($"{ProxiesVariable}: «{p}» no es una dirección IP; se escriben separadas por comas (10.0.0.2,10.0.0.3)"))];
}

/// <summary>The reverse proxies whose <c>X-Forwarded-*</c> headers the service believes (<see cref="Hardening.ProxiesVariable"/>).</summary>
internal sealed record TrustedProxies(IReadOnlyList<IPAddress> Addresses);
