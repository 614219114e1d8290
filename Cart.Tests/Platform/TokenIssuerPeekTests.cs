using System.Text;
using Cart.Tests.Fixtures;
using Cart.Web.Platform.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Tests.Platform;

public sealed class TokenIssuerPeekTests
{
    [Fact]
    public void HasIssuer_WhenTokenIsAGuestToken_IsTrue()
    {
        var token = TestAuth.Guest(ApiFixture.NewGuestId());

        Assert.True(TokenIssuerPeek.HasIssuer(token, TestAuth.GuestIssuer));
        Assert.False(TokenIssuerPeek.HasIssuer(token, TestAuth.Issuer));
    }

    [Fact]
    public void HasIssuer_WhenTokenIsAShopperToken_IsFalseForTheGuestIssuer()
    {
        Assert.False(TokenIssuerPeek.HasIssuer(TestAuth.Shopper("user_1"), TestAuth.GuestIssuer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("..")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.!!!.sig")]
    public void HasIssuer_WhenTokenIsGarbage_IsFalse(string token)
    {
        Assert.False(TokenIssuerPeek.HasIssuer(token, TestAuth.GuestIssuer));
    }

    [Theory]
    [InlineData("{\"sub\":\"g_1\",\"nested\":{\"iss\":\"cart-guest-tests\"}}")] // iss inside another member
    [InlineData("{\"iss\":[\"cart-guest-tests\"]}")]                           // not a string
    [InlineData("{\"iss\":\"cart-guest-tests-and-more\"}")]                     // only a prefix matches
    [InlineData("[\"iss\",\"cart-guest-tests\"]")]                              // not an object
    [InlineData("{\"iss\":\"cart-guest-tests\"")]                               // cut short
    [InlineData("{\"\\udc00\":0}")]                                               // a name that is not text
    [InlineData("{\"iss\":\"\\ud800\"}")]                                       // a value that is not text
    public void HasIssuer_WhenPayloadOnlyLooksLikeIt_IsFalse(string payload)
    {
        Assert.False(TokenIssuerPeek.HasIssuer(Token(payload), TestAuth.GuestIssuer));
    }

    [Fact]
    public void HasIssuer_WhenIssuerFollowsOtherMembers_IsFound()
    {
        var payload = "{\"aud\":[\"a\",\"b\"],\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"iss\":\"cart-guest-tests\"}";

        Assert.True(TokenIssuerPeek.HasIssuer(Token(payload), TestAuth.GuestIssuer));
    }

    [Fact]
    public void HasIssuer_WhenPayloadIsHuge_IsFalseWithoutReadingIt()
    {
        var payload = "{\"iss\":\"cart-guest-tests\",\"pad\":\"" + new string('x', 5000) + "\"}";

        Assert.False(TokenIssuerPeek.HasIssuer(Token(payload), TestAuth.GuestIssuer));
    }

    private static string Token(string payload) =>
        $"{Base64UrlEncoder.Encode("{\"alg\":\"HS256\"}")}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.sig";
}
