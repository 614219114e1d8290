using System.ComponentModel.DataAnnotations;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Http;
using Cart.Web.Platform.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Sessions;

public sealed record GuestSessionResponse(string Token, string SessionId, DateTimeOffset ExpiresAt);

public sealed record DevTokenRequest(
    [property: Required(ErrorMessage = "userId is required.")]
    [property: StringLength(128, MinimumLength = 1, ErrorMessage = "userId is 1 to 128 characters.")]
    string UserId,
    [property: EmailAddress(ErrorMessage = "email is not an email address.")]
    [property: StringLength(254, ErrorMessage = "email is at most 254 characters.")]
    string? Email = null);

public sealed record DevTokenResponse(string Token, string UserId, DateTimeOffset ExpiresAt);

internal static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/guest-sessions", StartGuestSession)
            .WithTags("Identity")
            .WithName("StartGuestSession")
            .WithSummary("Starts a guest session: a token signed by this service that owns one guest cart.")
            .AllowAnonymous()
            .CountedAsGuestSessionStarts()
            .TakesNoBody()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Mapped by the setting, never by the environment's name: dotnet run's launch profile decides the
        // environment, and a deployment must not be one mistake away from minting shopper tokens.
        if (routes.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.DemoTokens.Enabled)
        {
            routes.MapPost("/api/v1/dev/tokens", MintDevToken)
                .WithTags("Demo")
                .WithName("MintDevToken")
                .WithSummary("Demo only (Auth:DemoTokens:Enabled): mints a shopper token signed with the demo key, " +
                             "standing in for the identity provider.")
                .AllowAnonymous()
                .ProducesProblem(StatusCodes.Status400BadRequest);
        }

        return routes;
    }

    private static Created<GuestSessionResponse> StartGuestSession(TokenIssuer issuer)
    {
        var token = issuer.IssueGuest();
        return TypedResults.Created((string?)null,
            new GuestSessionResponse(token.Token, token.Subject, token.ExpiresAt));
    }

    private static Ok<DevTokenResponse> MintDevToken([FromBody] DevTokenRequest request, TokenIssuer issuer)
    {
        var token = issuer.IssueDemoShopper(request.UserId, request.Email);
        return TypedResults.Ok(new DevTokenResponse(token.Token, token.Subject, token.ExpiresAt));
    }
}
