using Cart.Domain.Reminders;
using Cart.Infrastructure.Email;
using Cart.Infrastructure.Hosting;
using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

public static class RemindersSetup
{
    public static IServiceCollection AddCartReminders(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>()
            .BindConfiguration(RemindersOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemindersOptions>, ReminderSettingsRules>();
        services.AddSingleton(sp => new PublicAddress(
            sp.GetRequiredService<IOptions<RemindersOptions>>().Value.PublicBaseUrl,
            sp.GetRequiredService<IHostEnvironment>(), sp));
        services.AddCartEmail();
        services.AddSingleton<SeenShopperEmails>();
        services.AddSingleton<ReminderLinks>();
        services.AddScoped<IShopperEmails, EfShopperEmails>();
        services.AddScoped<ReminderLinkActions>();
        services.AddScoped<ReminderScheduler>();
        services.AddScoped<ReminderDispatcher>();
        services.AddScoped<RecoveryAttribution>();
        services.AddRecurringJob<RemindersJob>(RemindersJob.Id, RemindersJob.DefaultCron,
            job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
