using Cart.Infrastructure.Demo;
using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Demo;

/// <summary>
/// In Development, with <c>Demo:SeedActivity</c> on (as <c>appsettings.Development.json</c> has it), seeds the demo
/// month of shopping once the host has started, in the background: the service answers at once and the console fills
/// a few seconds later. Never in any other environment, whatever the setting says: the demo writes carts, orders and
/// reminders that a real deployment must not have.
/// </summary>
internal sealed partial class DemoActivitySetup(
    IServiceScopeFactory scopes,
    IOptions<DemoActivityOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoActivitySetup> logger) : BackgroundService
{
    public static IServiceCollection AddDemoActivity(IServiceCollection services)
    {
        services.AddOptions<DemoActivityOptions>()
            .BindConfiguration(DemoActivityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<DemoRollups>();
        services.AddScoped<DemoActivitySeeder>();
        services.AddHostedService<DemoActivitySetup>();
        return services;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SeedActivity)
        {
            return Task.CompletedTask;
        }

        if (!environment.IsDevelopment())
        {
            LogIgnored(logger, environment.EnvironmentName);
            return Task.CompletedTask;
        }

        // On a thread of its own: SQLite's "async" calls run synchronously and would hold up the start.
        return Task.Run(() => RetryUntilDone.RunAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoActivitySeeder>().SeedAsync(stoppingToken);
        }, (e, pause) => LogRetrying(logger, e, pause), clock, stoppingToken), CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Warning, "Demo:SeedActivity is ignored in {Environment}: demo activity is for Development only")]
    private static partial void LogIgnored(ILogger logger, string environment);

    [LoggerMessage(LogLevel.Warning, "Could not seed the demo activity; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan pause);
}
