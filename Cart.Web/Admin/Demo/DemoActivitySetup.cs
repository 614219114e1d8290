using Cart.Infrastructure.Demo;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Demo;

/// <summary>
/// In Development, with <c>Demo:SeedActivity</c> on (as <c>appsettings.Development.json</c> has it), seeds the demo
/// month of shopping once the host has started, in the background: the service answers at once and the console fills
/// a few seconds later. Never in any other environment: there the setting stops the start, since the demo writes
/// carts, orders and reminders that a real deployment must not have.
/// </summary>
internal sealed partial class DemoActivitySetup(
    IServiceScopeFactory scopes,
    IOptions<DemoActivityOptions> options,
    IHostEnvironment environment,
    StartupRetry retry,
    ILogger<DemoActivitySetup> logger) : BackgroundService
{
    public static IServiceCollection AddDemoActivity(IServiceCollection services)
    {
        services.AddOptions<DemoActivityOptions>()
            .BindConfiguration(DemoActivityOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>((o, environment) => !o.SeedActivity || environment.IsDevelopment(),
                "Demo:SeedActivity is on outside Development. The demo month writes carts, orders and reminders a " +
                "deployment must not have: turn Demo:SeedActivity off.")
            .ValidateOnStart();
        services.AddScoped<DemoRollups>();
        services.AddScoped<DemoActivitySeeder>();
        services.AddHostedService<DemoActivitySetup>();
        return services;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Outside Development the setting was refused at start; the check stays, so nothing else ever seeds elsewhere.
        if (!options.Value.SeedActivity || !environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        // On a thread of its own: SQLite's "async" calls run synchronously and would hold up the start.
        return Task.Run(() => retry.RunAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoActivitySeeder>().SeedAsync(stoppingToken);
        }, (e, pause) => LogRetrying(logger, e, pause), stoppingToken), CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Warning, "Could not seed the demo activity; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan pause);
}
