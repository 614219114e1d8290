using Cart.Domain.Catalog;
using Cart.Domain.Checkout;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Demo;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;
using Cart.Infrastructure.Reporting;
using Cart.Infrastructure.Resilience;
using Cart.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cart.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddCartInfrastructure(this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>((o, environment) => !o.SeedDemoCatalog || environment.IsDevelopment(),
                "Database:SeedDemoCatalog is on outside Development. The demo catalog (1,200 products with stock) is " +
                "for trying the service out; a deployment's catalog is its own: turn Database:SeedDemoCatalog off.")
            .ValidateOnStart();
#pragma warning disable RS0030 // the one place the system clock is named
        // The service's clock: the default, which tests replace with a fake one.
        services.TryAddSingleton(TimeProvider.System);
        // The clock retries pause on (ResiliencePipelines): real time even where the service's clock is faked, since
        // the pauses space out real events and a fake clock nobody advances would stall them.
        services.TryAddKeyedSingleton(ResiliencePipelines.RealTimeClock, TimeProvider.System);
#pragma warning restore RS0030
        services.AddCartResilience();

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()
                       ?? new DatabaseOptions();
        AddDbContext(services, database);

        services.AddScoped<CartDatabaseInitializer>();
        services.AddScoped<DemoCatalogSeeder>();
        services.AddCartCaching(configuration);
        services.AddScoped<ProductQueries>();
        services.AddCartStorage();
        services.AddScoped<CachedProductCatalog>();
        services.AddScoped<IProductCatalog>(sp => sp.GetRequiredService<CachedProductCatalog>());
        services.AddScoped<ICatalogAdministration, EfCatalogAdministration>();
        services.AddCartJobs(database);
        services.AddCartIdempotency();
        services.AddCartInventory();
        services.AddScoped<IOrderBook, EfOrderBook>();
        services.AddCartReporting();
        services.AddCartReminders();
        return services;
    }

    private static void AddDbContext(IServiceCollection services, DatabaseOptions database)
    {
        void Configure(DbContextOptionsBuilder builder) =>
            CartDbContextOptions.Configure(builder, database.Provider, database.ConnectionString);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<SqliteCartDbContext>(Configure);
                services.AddScoped<CartDbContext>(sp => sp.GetRequiredService<SqliteCartDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<PostgreSqlCartDbContext>(Configure);
                services.AddScoped<CartDbContext>(sp => sp.GetRequiredService<PostgreSqlCartDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerCartDbContext>(Configure);
                services.AddScoped<CartDbContext>(sp => sp.GetRequiredService<SqlServerCartDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{database.Provider}'.");
        }
    }
}
