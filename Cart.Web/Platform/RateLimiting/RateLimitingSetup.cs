using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>Rate limits per caller on <c>/api</c> routes (API.md: over the limit → 429 with Retry-After), and the
/// counts of failed sign-ins per client address and per account.</summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddCartRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.HasWholeSecondWindows(),
                "RateLimits:UserWindow, GuestWindow, AnonymousWindow, GuestSessionWindow and SignInWindow must be whole seconds.")
            .ValidateOnStart();
        services.AddSingleton<CallerRateLimits>();
        services.AddSingleton<SignInFailures>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CallerRateLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = limits.RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// After authentication, so that the token rather than the address names the caller wherever there is a token.
    /// </summary>
    public static WebApplication UseCartRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}
