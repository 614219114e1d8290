using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Demo;

/// <summary>The demo month of shopping a Development database is seeded with, so the console opens full.</summary>
public sealed class DemoActivityOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed a month of demo activity once, in Development only (refused at start elsewhere).</summary>
    public bool SeedActivity { get; set; }

    /// <summary>Carts the month holds.</summary>
    [Range(100, 50_000)]
    public int Carts { get; set; } = 3000;
}
