using System.Text.Json;
using Cart.Web.Platform.Problems;

namespace Cart.Tests.Platform;

/// <summary>
/// The framework's validation names members as C# declares them; the problem names them as the JSON contract does,
/// segment by segment, merging what then shares a name.
/// </summary>
public sealed class ValidationErrorNamesTests
{
    [Fact]
    public void InContractNames_WhenMembersAreCSharpNames_RenamesEachSegmentByThePolicy()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["Quantity"] = ["q"],
            ["Lines[0].Sku"] = ["s"],
            ["pageSize"] = ["p"],
        };

        var named = ProblemSetup.InContractNames(errors, JsonNamingPolicy.CamelCase);

        Assert.Equal(["lines[0].sku", "pageSize", "quantity"], named.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["s"], named["lines[0].sku"]);
    }

    [Fact]
    public void InContractNames_WhenTwoMembersShareAJsonName_MergesTheirMessagesOnce()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["Sku"] = ["A SKU is 1 to 64 characters.", "A SKU is 1 to 64 characters."],
            ["sku"] = ["Another message."],
        };

        var named = ProblemSetup.InContractNames(errors, JsonNamingPolicy.CamelCase);

        Assert.Equal(["A SKU is 1 to 64 characters.", "Another message."], Assert.Single(named).Value);
    }
}
