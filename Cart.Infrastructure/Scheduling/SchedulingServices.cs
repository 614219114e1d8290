using System.Linq.Expressions;
using Cart.Infrastructure.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Hangfire as the job runner: its storage follows the database (SQL Server → SQL Server storage, PostgreSQL →
/// Hangfire.PostgreSql, each in a schema of its own
/// (<see cref="JobStorageSchema"/>), the SQLite default → in memory), one job server per instance, and the
/// recurring jobs modules add with <see cref="AddRecurringJob{TJob}"/>.
/// </summary>
public static class SchedulingServices
{
    /// <summary>Hangfire's tables live apart from the service's own, in this schema (SQL Server and PostgreSQL).</summary>
    public const string StorageSchema = JobStorageSchema.Name;

    public static IServiceCollection AddCartJobs(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, SchedulesValidation>();
        services.AddSingleton<JobServerIdentity>();

        // Before any Hangfire class makes its static logger (the schema installer runs before the server starts).
        GlobalConfiguration.Configuration.UseLogProvider(HostLogProvider.Instance);

        // The storage and the activator are this host's own services, registered before AddHangfire (which only
        // adds its defaults when none is there): its defaults are process-wide statics, and several hosts share a
        // process in the tests, each on a database of its own.
        services.TryAddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>(); // Hangfire's settings first, this host's logging among them
            return CreateStorage(database);
        });
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            HostLogProvider.Instance.Use(sp.GetRequiredService<ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HostLogProvider.Instance);
        });
        AddJobServer(services);
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    /// <summary>Adds a recurring job that calls <paramref name="call"/> on <typeparamref name="TJob"/>, resolved in a
    /// scope of its own for each run; its cron is <c>Jobs:Schedules:{id}</c>, or <paramref name="defaultCron"/>.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id,
        string defaultCron, Expression<Func<TJob, Task>> call)
        where TJob : class
    {
        services.TryAddScoped<TJob>();
        services.AddSingleton(RecurringJobDefinition.For(id, defaultCron, call));
        return services;
    }

    /// <summary>Hangfire's server, made by Hangfire's own registration, held by <see cref="JobServerHost"/>.</summary>
    private static void AddJobServer(IServiceCollection services)
    {
        var first = services.Count;
        services.AddHangfireServer((sp, server) =>
        {
            server.ServerName = sp.GetRequiredService<JobServerIdentity>().ServerName;
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
        });
        if (services.Count != first + 1 || services[first] is not { ServiceType: var type, ImplementationFactory: { } create }
            || type != typeof(IHostedService))
        {
            throw new InvalidOperationException("AddHangfireServer no longer adds one hosted service; see JobServerHost.");
        }

        services.RemoveAt(first);
        services.AddSingleton(sp => new JobServerHost((IHostedService)create(sp),
            sp.GetRequiredService<IOptions<JobsOptions>>(), sp.GetRequiredService<ILogger<JobServerHost>>()));
        services.AddHostedService(sp => sp.GetRequiredService<JobServerHost>());
    }

    private static JobStorage CreateStorage(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
        {
            SchemaName = StorageSchema,
            PrepareSchemaIfNecessary = false, // JobStorageSchema, with the migrations
            SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
        }),
        DatabaseProvider.PostgreSql => PostgreSqlStorageFor(
            PostgreSqlConnections.WithoutGssFallback(database.ConnectionString)),
        // SQLite is the one-instance, no-setup default: nothing to share, so nothing to store.
        DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions()),
        _ => throw new InvalidOperationException($"Unknown database provider '{database.Provider}'."),
    };

    private static PostgreSqlStorage PostgreSqlStorageFor(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = StorageSchema,
            PrepareSchemaIfNecessary = false, // JobStorageSchema, with the migrations
            // LISTEN/NOTIFY wakes a worker when a job is enqueued, instead of waiting out the poll interval.
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
