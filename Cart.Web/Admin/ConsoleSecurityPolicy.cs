namespace Cart.Web.Admin;

/// <summary>
/// The Content-Security-Policy of the console's pages: scripts and connections (Blazor's circuit) from this origin
/// only, no frames, no plugins, forms posted only here. Styles allow inline attributes, which MudBlazor's components
/// write. Hangfire's dashboard has its own inline scripts and is left out (admins only; framing is denied anyway).
/// </summary>
internal static class ConsoleSecurityPolicy
{
    public const string Value = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
                                "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; " +
                                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static bool Covers(PathString path) =>
        path.StartsWithSegments("/admin") && !path.StartsWithSegments(JobsDashboard.Path);

    public static Task Apply(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentSecurityPolicy = Value;
            // A page of the console may show a shopper's cart: never kept by a browser or a proxy.
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
