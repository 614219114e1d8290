namespace Cart.Web.Platform.Http;

/// <summary>
/// Security headers on every response, including problems written by the exception handler (which clears the
/// headers set before it runs; these are added as the response starts, so they survive it):
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c>, <c>Referrer-Policy: no-referrer</c>.</item>
/// <item>On <c>/api</c>: <c>Content-Security-Policy: default-src 'none'; frame-ancestors 'none'</c> (JSON never loads
/// anything). Not on the reference page, which runs scripts.</item>
/// <item>On <c>/api/v1/cart</c>: <c>Cache-Control: no-store</c>, on problems and 304s too: a cart is personal.</item>
/// <item>Outside Development: <c>Strict-Transport-Security</c> with <c>UseHsts</c>'s rules: only on HTTPS requests
/// (RFC 6797 forbids it over plain HTTP) and never for localhost. Behind a TLS-terminating proxy the request arrives
/// as HTTP, so either the proxy adds HSTS, or the proxy is listed under <c>ForwardedHeaders</c> so that its
/// <c>X-Forwarded-Proto</c> is believed (<see cref="ForwardedHeadersSetup"/>) and the service adds it itself.</item>
/// </list>
/// </summary>
internal static class SecurityHeaders
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
    public const string StrictTransportSecurity = "max-age=31536000";

    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplication UseCartSecurityHeaders(this WebApplication app)
    {
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, hsts);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context, bool hsts)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (request.Path.StartsWithSegments("/api"))
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        }

        if (request.Path.StartsWithSegments("/api/v1/cart"))
        {
            headers.CacheControl = "no-store";
        }

        if (hsts && request.IsHttps && !LocalHosts.Contains(request.Host.Host, StringComparer.OrdinalIgnoreCase))
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
