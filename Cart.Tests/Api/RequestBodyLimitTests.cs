using System.Net;
using System.Net.Http.Headers;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// API.md: request bodies are at most 16 KB (16,384 bytes), with a declared length or chunked. Over real Kestrel,
/// because the in-memory test server has no chunked framing: a body of exactly the limit must pass however it is cut
/// into chunks. Whitespace pads a valid add to the exact size, so only its length can refuse it.
/// </summary>
public sealed class RequestBodyLimitTests(SqliteKestrelApiFixture fixture) : IClassFixture<SqliteKestrelApiFixture>
{
    [Theory]
    [InlineData(16_000, false)]
    [InlineData(16_300, false)]
    [InlineData(16_383, false)]
    [InlineData(16_384, false)]
    [InlineData(16_300, true)]
    [InlineData(16_384, true)]
    public async Task AddItem_WhenBodyIsAtMost16KB_IsAccepted(int size, bool declaresLength)
    {
        var (client, _) = fixture.NewShopper();

        var response = await client.PostAsync(CartApi.Items, PaddedAdd(size, declaresLength));

        var cart = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, cart.Quantity(TestCatalog.Mug));
    }

    [Theory]
    [InlineData(16_385, false)]
    [InlineData(16_385, true)]
    [InlineData(40_000, false)]
    public async Task AddItem_WhenBodyIsOver16KB_ReturnsPayloadTooLargeAndChangesNothing(int size, bool declaresLength)
    {
        var (client, _) = fixture.NewShopper();

        var response = await client.PostAsync(CartApi.Items, PaddedAdd(size, declaresLength));

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var cart = await fixture.WithToken(client.DefaultRequestHeaders.Authorization!.Parameter!).GetCartAsync();
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
    }

    /// <summary>An add of one mug, padded with trailing spaces to exactly <paramref name="size"/> bytes.</summary>
    private static HttpContent PaddedAdd(int size, bool declaresLength)
    {
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"sku":"{{TestCatalog.Mug}}","quantity":1}""".PadRight(size));
        Assert.Equal(size, body.Length);
        HttpContent content = declaresLength ? new ByteArrayContent(body) : new ChunkedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body of unknown length: HttpClient sends it chunked, one chunk per 1,000-byte write.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var piece in body.Chunk(1000))
            {
                await stream.WriteAsync(piece);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
