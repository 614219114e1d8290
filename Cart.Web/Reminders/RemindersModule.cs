namespace Cart.Web.Reminders;

/// <summary>
/// The Reminders module's web side: the two links of a reminder email. The reminders themselves (finding abandoned
/// carts, the emails, recovery) are the recurring job in Cart.Infrastructure/Reminders.
/// </summary>
internal static class RemindersModule
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<StorefrontOptions>()
            .BindConfiguration(StorefrontOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapRemindersEndpoints(this IEndpointRouteBuilder routes) =>
        ReminderEndpoints.Map(routes);
}
