using System.Text.Json;
using Cart.Tests.Architecture;
using Cart.Web.Platform.Hosting;

namespace Cart.Tests.Platform;

/// <summary>
/// <c>dotnet run</c> listens on the launch profile's default address unless the caller names one, by variable or on
/// the command line: the profile must not set <c>applicationUrl</c>, because dotnet run lets it replace the caller's
/// <c>ASPNETCORE_URLS</c>.
/// </summary>
public sealed class DefaultUrlsTests
{
    private const string Default = "http://localhost:5205";

    [Fact]
    public void LaunchProfile_WhenRead_SetsNoAddressButTheDefaultOne()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(SourceTree.PathOf("Cart.Web/Properties/launchSettings.json")));

        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            var variables = profile.Value.GetProperty("environmentVariables");
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), profile.Name);
            Assert.False(variables.TryGetProperty("ASPNETCORE_URLS", out _), profile.Name);
            Assert.Equal(Default, variables.GetProperty(DefaultUrls.Variable).GetString());
        }
    }

    [Fact]
    public void Apply_WhenNothingNamesAnAddress_AddsTheDefault()
    {
        var args = DefaultUrls.Apply(["migrate"], Variables((DefaultUrls.Variable, Default)));

        Assert.Equal(["migrate", "--urls", Default], args);
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://localhost:8080")]
    [InlineData("DOTNET_URLS", "http://localhost:8080")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "8080")]
    [InlineData("ASPNETCORE_HTTPS_PORTS", "8443")]
    public void Apply_WhenTheCallersVariableNamesAnAddress_LeavesItsChoice(string variable, string value)
    {
        var args = DefaultUrls.Apply([], Variables((DefaultUrls.Variable, Default), (variable, value)));

        Assert.Empty(args);
    }

    [Theory]
    [InlineData("--urls", "http://localhost:8080")]
    [InlineData("--urls=http://localhost:8080")]
    [InlineData("--http_ports", "8080")]
    public void Apply_WhenTheCommandLineNamesAnAddress_LeavesItsChoice(params string[] given)
    {
        var args = DefaultUrls.Apply(given, Variables((DefaultUrls.Variable, Default)));

        Assert.Equal(given, args);
    }

    [Fact]
    public void Apply_WhenNotStartedThroughTheLaunchProfile_AddsNothing()
    {
        var args = DefaultUrls.Apply([], Variables());

        Assert.Empty(args);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
