using Cart.Infrastructure;
using Cart.Web.Platform;
using Cart.Web.Platform.Hosting;
using Cart.Web.Platform.Telemetry;

var builder = WebApplication.CreateBuilder(DefaultEnvironment.Apply(args));
builder.AddCartTelemetry();
builder.Services.AddCartInfrastructure(builder.Configuration);
builder.Services.AddCartModules();

var app = builder.Build();
if (DatabaseStartup.IsMigrateCommand(args))
{
    await DatabaseStartup.MigrateAsync(app);
    return;
}

await DatabaseStartup.PrepareAsync(app);
app.UseCartPipeline();
app.MapCartEndpoints();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
