using Cart.Domain.Reminders;
using Cart.Web.Platform.Auth;

namespace Cart.Web.Carts;

/// <summary>
/// After a signed-in shopper's cart write succeeds, hands the token's <c>email</c> claim to the Reminders module,
/// which stores it only when it differs from the stored one. Reads never do. A failure here is logged, never the
/// write's: the change is committed already, and the next write tries again.
/// </summary>
internal sealed partial class RememberShopperEmailFilter(IShopperEmails emails, ILogger<RememberShopperEmailFilter> logger)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var user = context.HttpContext.User;
        var shopper = user.Identities.FirstOrDefault(i => i is { IsAuthenticated: true, AuthenticationType: CartSchemes.ShopperIdentity });
        if (shopper?.FindFirst(CartSchemes.EmailClaim)?.Value is { Length: > 0 } email
            && shopper.FindFirst(CartSchemes.SubjectClaim)?.Value is { } userId)
        {
            try
            {
                await emails.RememberAsync(userId, email, context.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotRemembered(logger, e);
            }
        }

        return result;
    }

    [LoggerMessage(LogLevel.Warning, "Could not store the shopper's email for reminders; the next write tries again")]
    private static partial void LogNotRemembered(ILogger logger, Exception exception);
}
