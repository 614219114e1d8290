namespace Cart.Web.Platform.Http;

// Extension point for the security headers (issue 3); filled in by its own change.
internal static class SecurityHeaders
{
    public static WebApplication UseCartSecurityHeaders(this WebApplication app) => app;
}
