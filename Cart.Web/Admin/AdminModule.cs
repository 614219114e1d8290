using Cart.Infrastructure.Persistence;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Components;
using Cart.Web.Admin.Dashboard;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Support;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Cart.Web.Admin;

/// <summary>
/// The admin console: Blazor Server pages under <c>/admin</c> for staff signed in with ASP.NET Core Identity (accounts
/// in the service's database, roles <see cref="StaffRoles"/>), and Hangfire's dashboard for admins.
/// </summary>
public static class AdminModule
{
    public static IServiceCollection AddAdminConsole(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.BootstrapEmail) == string.IsNullOrEmpty(o.BootstrapPassword),
                "Admin:BootstrapEmail and Admin:BootstrapPassword are set together or not at all.")
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AdminOptions>, StaffAccountRules>();
        services.AddStaffIdentity();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffSignIn>();
        services.AddStaffUsers();
        services.AddHostedService<BootstrapPasswordCheck>();
        services.AddHostedService<StaffAccountsSetup>();
        services.AddDashboard();
        Demo.DemoActivitySetup.AddDemoActivity(services);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<StaffStanding>();
        // After the components' own registration: an open tab's user is checked again, as the cookie is.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider,
            ConsoleAuthenticationStateProvider>();
        services.AddMudServices();
        services.AddConsoleActions();
        return services;
    }

    public static WebApplication UseAdminConsole(this WebApplication app)
    {
        app.UseWhen(c => ConsoleSecurityPolicy.Covers(c.Request.Path), console => console.Use(ConsoleSecurityPolicy.Apply));
        // The console's scripts and styles (Blazor's, MudBlazor's, its own). The static-files middleware rather than
        // MapStaticAssets: the latter adds, wherever the build's assets are served (Development, the tests), a
        // catch-all GET endpoint that turns a POST to an unknown API path into 405 instead of 404.
        app.UseStaticFiles();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        app.MapStaffAccountEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .DisableRateLimiting();
        app.MapJobsDashboard();
        app.MapDashboard();
        app.MapMerchandising();
        return app;
    }

    private static void AddStaffIdentity(this IServiceCollection services)
    {
        services.AddAuthentication().AddIdentityCookies();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length, not composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // Lockout marks disabled accounts only (StaffStatuses): failed sign-ins never lock an account, which
                // would let anyone without the password lock its owner out. They slow its answers (StaffSignIn).
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CartDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<AdminOptions>, TimeProvider>((o, admin, clock) =>
            {
                o.ValidationInterval = admin.Value.RecheckInterval;
                o.TimeProvider = clock;
            });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cart_staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = StaffAccountEndpoints.SignInPage;
            o.AccessDeniedPath = StaffAccountEndpoints.DeniedPage;
            o.SlidingExpiration = true;
        });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
                IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AdminOptions>>((o, admin) =>
                o.ExpireTimeSpan = admin.Value.SessionLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.StaffPolicy, p => Staff(p, StaffRoles.All.ToArray()))
            .AddPolicy(StaffRoles.AdminPolicy, p => Staff(p, StaffRoles.Admin))
            .AddPolicy(StaffRoles.MerchandisingPolicy, p => Staff(p, StaffRoles.Admin, StaffRoles.Merchandiser))
            .AddPolicy(StaffRoles.SupportPolicy, p => Staff(p, StaffRoles.Admin, StaffRoles.Support));
    }

    private static void Staff(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(roles);
}
