var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/json", () => TypedResults.Ok(new Greeting("Hello, World!")));
app.Run();

internal sealed record Greeting(string Message);
