using Cart.Infrastructure;
using Cart.Web.Admin;
using Cart.Web.Carts;
using Cart.Web.Catalog;
using Cart.Web.Platform;
using Cart.Web.Platform.DataProtection;
using Cart.Web.Platform.Hosting;
using Cart.Web.Platform.Telemetry;
using Cart.Web.Reminders;
using Cart.Web.Reporting;

var builder = WebApplication.CreateBuilder(DefaultUrls.Apply(DefaultEnvironment.Apply(args)));
builder.AddCartTelemetry();
builder.Services.AddCartInfrastructure(builder.Configuration);
builder.Services.AddCartPlatform();
builder.Services.AddCatalog();
builder.Services.AddCarts();
builder.Services.AddReporting();
builder.Services.AddAdminConsole();
// Every instance reads the cookies and antiforgery tokens any other wrote; the keys encrypted at rest.
builder.Services.AddCartDataProtection(builder.Configuration);
builder.Services.AddReminders();

var app = builder.Build();
if (DatabaseStartup.IsMigrateCommand(args))
{
    await DatabaseStartup.MigrateAsync(app);
    return;
}

await DatabaseStartup.PrepareAsync(app);
app.UseCartPlatform();
app.UseAdminConsole();
app.MapCartPlatformEndpoints();
app.MapCartsEndpoints();
app.MapCatalogEndpoints();
app.MapAdminConsole();
app.MapRemindersEndpoints();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
