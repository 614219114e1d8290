using Cart.Infrastructure.Demo;
using Cart.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Hosting;

internal static class DatabaseStartup
{
    /// <summary>`dotnet Cart.Web.dll migrate`: applies the migrations of the configured provider, then exits.</summary>
    public static bool IsMigrateCommand(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<CartDatabaseInitializer>();
        await initializer.MigrateAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedAsync(CancellationToken.None);
    }

    /// <summary>
    /// At start: check every setting, then migrate when configured to (SQLite by default) and seed the demo catalog if
    /// empty (Development only). The settings are checked first, here rather than when the host starts: a start they
    /// refuse (a missing or committed key) must not have written anything to the database.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var initializer = scope.ServiceProvider.GetRequiredService<CartDatabaseInitializer>();
        if (options.ShouldMigrateOnStart)
        {
            await initializer.MigrateAsync(CancellationToken.None);
        }

        await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedAsync(CancellationToken.None);
    }
}
