using Cart.Domain.Common;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Auth;

internal static class AuthSetup
{

    public static IServiceCollection AddCartAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.HasOnlySupportedAlgorithms(),
                $"Auth:Algorithms may list only {string.Join(", ", AuthOptions.SupportedAlgorithms)}.")
            .Validate(o => o.HasDistinctKeys(), "Auth:GuestSigningKey must differ from Auth:SigningKey.")
            .Validate(o => o.DemoTokensStayOutOfDeployments(),
                "Auth:DemoTokens:Enabled is on beside an Auth:SigningKey that is not the development key of " +
                "appsettings.Development.json. Demo tokens are for trying the service out, never beside a real " +
                "identity provider: turn Auth:DemoTokens:Enabled off.")
            .Validate(o => o.HasUsableDemoKey(),
                "Auth:DemoTokens:SigningKey must differ from Auth:SigningKey and Auth:GuestSigningKey while " +
                "Auth:DemoTokens:Enabled is on.")
            .Validate(o => o.HasDistinctDemoIssuer(),
                "Auth:DemoTokens:Issuer must be set and differ from Auth:Issuer and Auth:GuestIssuer while " +
                "Auth:DemoTokens:Enabled is on.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthKeyRules>();

        services.AddAuthentication(CartSchemes.Bearer)
            .AddPolicyScheme(CartSchemes.Bearer, "Shopper or guest bearer token",
                o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(CartSchemes.Shopper)
            .AddJwtBearer(CartSchemes.Guest);

        services.AddOptions<JwtBearerOptions>(CartSchemes.Shopper)
            .Configure<IOptions<AuthOptions>, TimeProvider>((o, auth, clock) =>
                Configure(o, TokenValidation.Shopper(auth.Value, clock), clock, false));
        services.AddOptions<JwtBearerOptions>(CartSchemes.Guest)
            .Configure<IOptions<AuthOptions>, TimeProvider>((o, auth, clock) =>
                Configure(o, TokenValidation.Guest(auth.Value, clock), clock, true));

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(CartSchemes.Bearer)
                .RequireAuthenticatedUser().Build())
            .AddPolicy(CartSchemes.ShopperOnlyPolicy, p => p
                .AddAuthenticationSchemes(CartSchemes.Bearer)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.Identities.Any(i =>
                    i.IsAuthenticated && i.AuthenticationType == CartSchemes.ShopperIdentity)));

        services.AddSingleton<TokenIssuer>();
        return services;
    }

    /// <summary>
    /// Guest tokens carry this service's own issuer; everything else is judged as a shopper token. Outside
    /// <c>/api</c>, a request without a bearer token is the admin console's (its pages and its Blazor circuit): its
    /// caller is the staff member of the sign-in cookie.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return context.Request.Path.StartsWithSegments("/api")
                ? CartSchemes.Shopper
                : Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme;
        }

        var guestIssuer = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.GuestIssuer;
        return TokenIssuerPeek.HasIssuer(header.AsSpan(prefix.Length).Trim(), guestIssuer)
            ? CartSchemes.Guest
            : CartSchemes.Shopper;
    }

    private static void Configure(JwtBearerOptions options,
        Microsoft.IdentityModel.Tokens.TokenValidationParameters parameters, TimeProvider clock, bool guest)
    {
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new CachingTokenHandler(clock));
        options.TokenValidationParameters = parameters;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var subject = context.Principal?.FindFirst(CartSchemes.SubjectClaim)?.Value;
                var guestSubject = subject?.StartsWith(CartOwner.GuestIdPrefix, StringComparison.Ordinal) == true;
                // The subject becomes the cart's owner, stored as text (PostgreSQL refuses a NUL in text).
                if (string.IsNullOrWhiteSpace(subject) || subject.Length > 128 || (guest && !guestSubject)
                    || Http.ControlCharacters.In(subject))
                {
                    context.Fail("The token's subject is missing or not valid.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer";
                var detail = context.AuthenticateFailure is null
                    ? "Send a bearer token: a shopper token from the identity provider or a guest token."
                    : "The bearer token is not valid (signature, issuer, audience, algorithm or lifetime).";
                await Problem.WriteAsync(context.HttpContext, Problem.For(ProblemCodes.Unauthenticated, detail));
            },
            OnForbidden = context => Problem.WriteAsync(context.HttpContext,
                Problem.For(ProblemCodes.Forbidden, "This token may not do that.")),
        };
    }
}
