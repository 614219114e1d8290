using Cart.Infrastructure;
using Cart.Web.Carts;
using Cart.Web.Catalog;
using Cart.Web.Platform;
using Cart.Web.Platform.Hosting;
using Cart.Web.Platform.Telemetry;
using Cart.Web.Reminders;

var builder = WebApplication.CreateBuilder(DefaultEnvironment.Apply(args));
builder.AddCartTelemetry();
builder.Services.AddCartInfrastructure(builder.Configuration);
builder.Services.AddCartPlatform();
builder.Services.AddCatalog();
builder.Services.AddCarts();
builder.Services.AddReminders();

var app = builder.Build();
if (DatabaseStartup.IsMigrateCommand(args))
{
    await DatabaseStartup.MigrateAsync(app);
    return;
}

await DatabaseStartup.PrepareAsync(app);
app.UseCartPlatform();
app.MapCartPlatformEndpoints();
app.MapCartsEndpoints();
app.MapCatalogEndpoints();
app.MapRemindersEndpoints();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
