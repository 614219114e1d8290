using System.ComponentModel.DataAnnotations;
using Cart.Infrastructure.Reminders;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Cart.Web.Reminders;

/// <summary>
/// The two links of a reminder email. No bearer token: the link's own token, signed by this service and expiring, says
/// which reminder. A tampered, foreign or expired token is 400 <c>invalid_reminder_token</c> and changes nothing.
/// </summary>
internal static class ReminderEndpoints
{
    private const string TokenRule = "{0} is at most {1} characters.";
    private const int MaxTokenLength = 512;

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder routes)
    {
        var reminders = routes.MapGroup("/api/v1/reminders")
            .WithTags("Reminders")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        reminders.MapGet("/r/{token}", Recover)
            .WithName("FollowReminderLink")
            .WithSummary("The link back to the cart in a reminder email: records the first click, redirects (302) to " +
                         "the storefront's cart page.")
            .Produces(StatusCodes.Status302Found)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.GetValueOrDefault("302") is OpenApiResponse found)
                {
                    found.Description = "Found: on to the storefront's cart page (Storefront:CartUrl, with cartId).";
                    found.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    found.Headers["Location"] = new OpenApiHeader
                    {
                        Description = "The storefront's cart page, with the cart's id as cartId.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                    };
                }

                return Task.CompletedTask;
            });
        reminders.MapGet("/unsubscribe", Unsubscribe)
            .WithName("UnsubscribeFromReminders")
            .WithSummary("One-click unsubscribe from reminder emails; answers a small HTML page.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        // RFC 8058: a mail client's one-click unsubscribe (List-Unsubscribe-Post) POSTs to the same address.
        reminders.MapPost("/unsubscribe", Unsubscribe)
            .WithName("UnsubscribeFromRemindersOneClick")
            .WithSummary("The same unsubscribe, as mail clients send it from the List-Unsubscribe-Post header.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return routes;
    }

    private static async Task<RedirectHttpResult> Recover(
        [StringLength(MaxTokenLength, ErrorMessage = TokenRule)] string token,
        ReminderLinks links, ReminderLinkActions actions, IOptions<StorefrontOptions> storefront,
        CancellationToken cancellationToken)
    {
        var reminderId = links.Verify(LinkPurpose.Recover, token) ?? throw InvalidToken();
        var cartId = await actions.OpenAsync(reminderId, cancellationToken) ?? throw InvalidToken();
        // Only ever to the configured cart page: nothing in the request chooses where the redirect goes.
        var target = QueryHelpers.AddQueryString(storefront.Value.CartUrl.AbsoluteUri, "cartId", cartId);
        return TypedResults.Redirect(target);
    }

    private static async Task<ContentHttpResult> Unsubscribe(
        [FromQuery][Required][StringLength(MaxTokenLength, ErrorMessage = TokenRule)] string token,
        ReminderLinks links, ReminderLinkActions actions, CancellationToken cancellationToken)
    {
        var reminderId = links.Verify(LinkPurpose.Unsubscribe, token) ?? throw InvalidToken();
        if (!await actions.UnsubscribeAsync(reminderId, cancellationToken))
        {
            throw InvalidToken();
        }

        return TypedResults.Content(UnsubscribedPage.Html, "text/html; charset=utf-8");
    }

    private static ProblemException InvalidToken() => new(ProblemCodes.InvalidReminderToken,
        "The link is not valid or has expired. Links in reminder emails work for a limited time.");
}
