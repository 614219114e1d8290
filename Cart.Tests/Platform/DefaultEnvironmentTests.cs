using System.Text.Json;
using Cart.Tests.Architecture;
using Cart.Web.Platform.Hosting;

namespace Cart.Tests.Platform;

/// <summary>
/// <c>dotnet run</c> starts in Development when the caller names no environment, and in the caller's otherwise:
/// the launch profile must not set the environment itself, because dotnet run lets the profile's variables win.
/// </summary>
public sealed class DefaultEnvironmentTests
{
    private static readonly string[] NoArgs = [];

    [Fact]
    public void LaunchProfile_WhenRead_SetsNoEnvironmentButTheDefaultOne()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(SourceTree.PathOf("Cart.Web/Properties/launchSettings.json")));

        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            var variables = profile.Value.GetProperty("environmentVariables");
            Assert.False(variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out _), profile.Name);
            Assert.False(variables.TryGetProperty("DOTNET_ENVIRONMENT", out _), profile.Name);
            Assert.Equal("Development", variables.GetProperty(DefaultEnvironment.Variable).GetString());
        }
    }

    [Fact]
    public void Apply_WhenNothingNamesAnEnvironment_AddsTheDefault()
    {
        var args = DefaultEnvironment.Apply(["migrate"], Variables((DefaultEnvironment.Variable, "Development")));

        Assert.Equal(["migrate", "--environment", "Development"], args);
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public void Apply_WhenTheCallersVariableNamesAnEnvironment_LeavesItsChoice(string variable)
    {
        var args = DefaultEnvironment.Apply(NoArgs,
            Variables((DefaultEnvironment.Variable, "Development"), (variable, "Production")));

        Assert.Empty(args);
    }

    [Theory]
    [InlineData("--environment", "Production")]
    [InlineData("--environment=Production")]
    public void Apply_WhenTheCommandLineNamesAnEnvironment_LeavesItsChoice(params string[] given)
    {
        var args = DefaultEnvironment.Apply(given, Variables((DefaultEnvironment.Variable, "Development")));

        Assert.Equal(given, args);
    }

    [Fact]
    public void Apply_WhenNotStartedThroughTheLaunchProfile_AddsNothing()
    {
        var args = DefaultEnvironment.Apply(NoArgs, Variables());

        Assert.Empty(args);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
