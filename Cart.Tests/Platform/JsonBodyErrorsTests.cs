using Cart.Web.Platform.Problems;

namespace Cart.Tests.Platform;

/// <summary>The serializer's paths, read back into the field names a problem document uses.</summary>
public sealed class JsonBodyErrorsTests
{
    [Theory]
    [InlineData("$", new string[0])]
    [InlineData(null, new string[0])]
    [InlineData("$.sku", new[] { "sku" })]
    [InlineData("$.variant.size", new[] { "variant", "size" })]
    [InlineData("$['a b']", new[] { "a b" })]
    [InlineData("$['x.y']", new[] { "x.y" })]
    [InlineData("$.", new[] { "" })]
    [InlineData("$.skus[2]", new[] { "skus[2]" })]
    [InlineData("$.lines[0].sku", new[] { "lines[0]", "sku" })]
    public void PathSegments_WhenGivenASerializerPath_ReturnsTheMemberNames(string? path, string[] expected)
    {
        Assert.Equal(expected, JsonBodyErrors.PathSegments(path));
    }

    [Fact]
    public void Facts_WhenBodyRepeatsOrNullsFields_RecordsThemByPath()
    {
        var facts = JsonBodyFacts.Of("""{"sku":null,"variant":{"a":"1","a":"2"},"sku":"x","n":[{"a":1}]} trailing"""u8);

        Assert.True(facts.IsObject);
        Assert.Equal(["n", "sku", "variant"], facts.Names.Order(StringComparer.Ordinal));
        Assert.Equal(["sku", "variant.a"], facts.Duplicated.Order(StringComparer.Ordinal));
        Assert.Equal(["sku"], facts.Nulls);
    }
}
