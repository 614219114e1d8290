using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Cart.Infrastructure.Reminders;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Cart.Web.Reminders;

/// <summary>
/// The two links of a reminder email, and the landing that counts a click of the first. The links take no bearer
/// token: the link's own token, signed by this service and expiring, says which reminder. A tampered, foreign or
/// expired token is 400 <c>invalid_reminder_token</c> and changes nothing. Mail scanners fetch (GET) every link of a
/// message, and some follow redirects: a GET of either link changes nothing. The unsubscribe is a POST; a click back
/// to the cart counts when the shopper's own signed-in storefront reports the landing.
/// </summary>
internal static class ReminderEndpoints
{
    private const string TokenRule = "{0} is at most {1} characters.";
    private const int MaxTokenLength = 512;

    /// <summary>The query parameter of the storefront's cart page that carries the landing token.</summary>
    public const string LandingParameter = "reminderLanding";

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
            .WithSummary("The link back to the cart in a reminder email: redirects (302) to the storefront's cart page " +
                         "with a landing token, and records nothing (mail scanners fetch links too).")
            .Produces(StatusCodes.Status302Found)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.GetValueOrDefault("302") is OpenApiResponse found)
                {
                    found.Description = "Found: on to the storefront's cart page (Storefront:CartUrl, with cartId and " +
                                        "reminderLanding).";
                    found.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    found.Headers["Location"] = new OpenApiHeader
                    {
                        Description = "The storefront's cart page, with the cart's id as cartId and the token of " +
                                      "POST /api/v1/reminders/landings as reminderLanding.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                    };
                }

                return Task.CompletedTask;
            });
        reminders.MapGet("/unsubscribe", ConfirmUnsubscribe)
            .WithName("UnsubscribeFromReminders")
            .WithSummary("The unsubscribe link of a reminder email: a small HTML page whose one button POSTs the " +
                         "unsubscribe. Changes nothing.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        // RFC 8058: a mail client's one-click unsubscribe (List-Unsubscribe-Post) POSTs to the same address, and so
        // does the confirmation page's button.
        reminders.MapPost("/unsubscribe", Unsubscribe)
            .WithName("UnsubscribeFromRemindersOneClick")
            .WithSummary("Unsubscribes from reminder emails: the confirmation page's button, and mail clients' " +
                         "one-click unsubscribe from the List-Unsubscribe-Post header.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");

        // Not in the group: this one needs the shopper's own bearer token, which is what a scanner never has.
        routes.MapPost("/api/v1/reminders/landings", Land)
            .WithTags("Reminders")
            .WithName("ReportReminderLanding")
            .WithSummary("The storefront's report that its signed-in shopper arrived from a reminder's link back to " +
                         "the cart (the reminderLanding token): records the click once. Shopper tokens only.")
            .RequireAuthorization(CartSchemes.ShopperOnlyPolicy)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<RedirectHttpResult> Recover(
        [StringLength(MaxTokenLength, ErrorMessage = TokenRule)] string token,
        ReminderLinks links, ReminderLinkActions actions, IOptions<StorefrontOptions> storefront,
        CancellationToken cancellationToken)
    {
        var reminderId = links.Verify(LinkPurpose.Recover, token) ?? throw InvalidToken();
        var cartId = await actions.CartOfAsync(reminderId, cancellationToken) ?? throw InvalidToken();
        // Only ever to the configured cart page: nothing in the request chooses where the redirect goes.
        var target = QueryHelpers.AddQueryString(storefront.Value.CartUrl.AbsoluteUri, new Dictionary<string, string?>
        {
            ["cartId"] = cartId,
            [LandingParameter] = links.LandingToken(reminderId),
        });
        return TypedResults.Redirect(target);
    }

    private static async Task<NoContent> Land([FromBody] ReminderLandingRequest request, ClaimsPrincipal user,
        ReminderLinks links, ReminderLinkActions actions, CancellationToken cancellationToken)
    {
        var reminderId = links.Verify(LinkPurpose.Landing, request.Token) ?? throw InvalidToken();
        return await actions.LandAsync(reminderId, user.GetCartOwner(), cancellationToken) switch
        {
            LandingOutcome.Landed => TypedResults.NoContent(),
            LandingOutcome.NotTheOwner => throw new ProblemException(ProblemCodes.Forbidden,
                "This link came to another shopper's email."),
            _ => throw InvalidToken(),
        };
    }

    private static ContentHttpResult ConfirmUnsubscribe(
        [FromQuery][Required][StringLength(MaxTokenLength, ErrorMessage = TokenRule)] string token,
        ReminderLinks links)
    {
        // Whether the reminder still exists is the POST's to find out: this page reads nothing and writes nothing.
        _ = links.Verify(LinkPurpose.Unsubscribe, token) ?? throw InvalidToken();
        return TypedResults.Content(UnsubscribePages.Confirm(token), "text/html; charset=utf-8");
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

        return TypedResults.Content(UnsubscribePages.Done, "text/html; charset=utf-8");
    }

    private static ProblemException InvalidToken() => new(ProblemCodes.InvalidReminderToken,
        "The link is not valid or has expired. Links in reminder emails work for a limited time.");
}

/// <summary>Body of <c>POST /api/v1/reminders/landings</c>: the <c>reminderLanding</c> the storefront's cart page got.</summary>
public sealed record ReminderLandingRequest(
    [property: Required(ErrorMessage = "token is required.")]
    [property: StringLength(512, MinimumLength = 1, ErrorMessage = "token is 1 to 512 characters.")]
    string Token);
