// Deliberately broken layering, for the architecture tests to find: each type breaks one rule of ModuleRules.
// Nothing uses them.
namespace Cart.Tests.Architecture.BadSamples.Web.Carts
{
    public sealed class SampleCartLine
    {
        public int Quantity { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Web.Catalog
{
    /// <summary>A catalog type that uses the Carts module's web side directly.</summary>
    public sealed class SampleCatalogReadingCartLines
    {
        public Carts.SampleCartLine? Line { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Web.Platform
{
    /// <summary>A shared type that knows a module.</summary>
    public sealed class SamplePlatformKnowingCarts
    {
        public Carts.SampleCartLine? Line { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Domain.Carts
{
    /// <summary>A domain type that uses EF Core and ASP.NET.</summary>
    public sealed class SampleAggregateWithInfrastructure
    {
        public Microsoft.EntityFrameworkCore.DbContext? Context { get; init; }

        public Microsoft.AspNetCore.Http.HttpContext? Http { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Folders.Left
{
    /// <summary>One half of a folder cycle: uses the other folder, which uses this one.</summary>
    public sealed class SampleLeft
    {
        public Right.SampleRight? Other { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Folders.Right
{
    /// <summary>The other half of the cycle.</summary>
    public sealed class SampleRight
    {
        public Left.SampleLeft? Other { get; init; }
    }
}

namespace Cart.Tests.Architecture.BadSamples.Folders.Top
{
    /// <summary>Uses a folder that does not use it back: no cycle.</summary>
    public sealed class SampleTop
    {
        public Left.SampleLeft? Below { get; init; }
    }
}
