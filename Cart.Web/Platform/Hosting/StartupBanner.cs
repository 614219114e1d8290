using Cart.Infrastructure.Hosting;
using Cart.Web.Platform.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Hosting;

/// <summary>Tells whoever started the service where to find it, once it listens.</summary>
internal static class StartupBanner
{
    public static void Register(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses?.FirstOrDefault() is not { } first)
            {
                return;
            }

            var root = PublicAddress.Browsable(first);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cart");
            logger.LogInformation("Cart API:        {Root}/api/v1", root);
            logger.LogInformation("API reference:   {Root}/reference  (OpenAPI document: {Root}/openapi/v1.json)", root, root);
            if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DemoTokens.Enabled)
            {
                logger.LogInformation("Shopper tokens:  POST {Root}/api/v1/dev/tokens {{\"userId\":\"user_1\"}}  (demo tokens: Auth:DemoTokens:Enabled)", root);
            }

            logger.LogInformation("Guest tokens:    POST {Root}/api/v1/guest-sessions", root);
        });
    }
}
