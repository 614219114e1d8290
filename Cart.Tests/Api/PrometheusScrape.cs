using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Architecture;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Cart.Tests.Api;

/// <summary>A Prometheus text exposition, read line by line (<c>name{label="value",...} number</c>).</summary>
internal sealed partial class PrometheusScrape
{

    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var match = Line().Match(raw);
            if (raw.StartsWith('#') || !match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new PrometheusScrape(text);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches a scrape for a few hundred ms).</summary>
    public static async Task<PrometheusScrape> GetUntilAsync(HttpClient client, Func<PrometheusScrape, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scrape = await GetAsync(client);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }

    public IEnumerable<(Dictionary<string, string> Labels, double Value)> Series(string name) =>
        _samples.Where(s => s.Name == name).Select(s => (s.Labels, s.Value));

    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    [System.Text.RegularExpressions.GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial System.Text.RegularExpressions.Regex Line();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial System.Text.RegularExpressions.Regex Label();
}

/// <summary>The metric selectors of deploy/prometheus/alerts.yml: each metric the alerts read and its labels.</summary>
internal static partial class AlertRules
{

    public static string Path => SourceTree.PathOf("deploy/prometheus/alerts.yml");

    public static List<(string Metric, string[] Labels)> Selectors() =>
        Selector().Matches(File.ReadAllText(Path))
            .Select(m => (Metric: m.Groups["metric"].Value,
                Labels: LabelName().Matches(m.Groups["labels"].Value).Select(l => l.Groups["name"].Value).ToArray()))
            .GroupBy(s => s.Metric)
            .Select(g => (g.Key, g.SelectMany(s => s.Labels).Distinct().ToArray()))
            .ToList();

    [System.Text.RegularExpressions.GeneratedRegex("""(?<metric>[a-z_]+_(?:total|bucket|count|sum))\{(?<labels>[^}]*)\}""")]
    private static partial System.Text.RegularExpressions.Regex Selector();

    [System.Text.RegularExpressions.GeneratedRegex("""(?<name>[a-z_]+)\s*(?:=~|!=|!~|=)""")]
    private static partial System.Text.RegularExpressions.Regex LabelName();
}
