using Cart.Domain.Common;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Platform.Auth;

/// <summary>
/// The owner of a cart always comes from the token. A <c>userId</c>/<c>user_id</c> query parameter is tolerated only
/// when it names the caller; naming anyone else is refused with 403.
/// </summary>
internal sealed class OwnerQueryFilter : IEndpointFilter
{
    private static readonly string[] Names = ["userId", "user_id"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var owner = http.User.GetCartOwner();
        foreach (var name in Names)
        {
            if (http.Request.Query.TryGetValue(name, out var values) &&
                values.Any(v => !string.Equals(v, owner.Id, StringComparison.Ordinal)))
            {
                throw new ProblemException(ProblemCodes.Forbidden,
                    "A cart is reached only through its owner's token.");
            }
        }

        return next(context);
    }
}
