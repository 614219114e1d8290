using System.Text;
using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Idempotency;
using Cart.Web.Carts;
using Cart.Web.Platform.Json;
using Microsoft.AspNetCore.Http.Json;

namespace Cart.Tests.Platform;

/// <summary>
/// How many bytes one stored response can take: the largest cart document the cart limits allow, filled with what
/// compresses worst, as the service serialises it, compressed as the record keeps it. docs/ARCHITECTURE.md quotes
/// <see cref="DocumentedMaxBodyBytes"/>; with <c>Idempotency:MaxRecordsPerOwner</c> it bounds one caller's storage.
/// </summary>
public sealed class IdempotencyBodySizeTests
{
    /// <summary>The figure the documentation gives (the worst filling below measures about 190 KB).</summary>
    public const int DocumentedMaxBodyBytes = 200 * 1024;

    private const string SkuCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static readonly string Printable = Characters(0x20, 0x7E);

    /// <summary>
    /// Random text from alphabets chosen to defeat compression: characters the JSON writer escapes to six bytes
    /// (control characters and HTML-sensitive ones), every ASCII character, and two- and three-byte UTF-8 characters
    /// (fewer fit in the variant's 1,024 bytes, but each is escaped).
    /// </summary>
    public static TheoryData<string, int> HostileFillings => new()
    {
        { "escaped", 1 }, { "escaped", 10 }, { "ascii", 1 }, { "ascii", 10 },
        { "two-byte", 1 }, { "two-byte", 10 }, { "three-byte", 1 }, { "three-byte", 10 },
    };

    [Theory]
    [MemberData(nameof(HostileFillings))]
    public void Compress_WhenTheCartIsTheLargestTheLimitsAllow_StaysUnderTheDocumentedBytes(string filling,
        int variantEntries)
    {
        var body = Serialize(LargestCart(new Random(7), filling, variantEntries));

        var stored = ResponseBodyCompression.Compress(body);

        Assert.True(stored.Length <= DocumentedMaxBodyBytes,
            $"{filling} × {variantEntries}: {Encoding.UTF8.GetByteCount(body):N0} bytes compress to {stored.Length:N0}, " +
            $"over the documented {DocumentedMaxBodyBytes:N0}");
    }

    [Theory]
    [MemberData(nameof(HostileFillings))]
    public void Decompress_WhenGivenACompressedBody_ReturnsItsBytesExactly(string filling, int variantEntries)
    {
        var body = Serialize(LargestCart(new Random(11), filling, variantEntries));

        var replayed = ResponseBodyCompression.Decompress(ResponseBodyCompression.Compress(body));

        Assert.Equal(Encoding.UTF8.GetBytes(body), replayed);
    }

    /// <summary>
    /// 100 lines, each at the limits: a 64-character SKU, a 200-character name and a 500-character image URL (the
    /// catalog's columns), the largest quantity and prices, and a variant of 1,024 bytes of names and values.
    /// </summary>
    private static CartDocument LargestCart(Random random, string filling, int variantEntries)
    {
        var at = new DateTimeOffset(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, CartLimits.MaxLines).Select(_ => new CartItemDocument(
                Text(random, SkuCharacters, Sku.MaxLength),
                Text(random, Printable, 200),
                "https://" + Text(random, SkuCharacters, 492),
                Variant(random, filling, variantEntries),
                CartLimits.MaxQuantity, 999_999_999_999.9999m, 999_999_999_999.9999m, true,
                999_999_999_999_999.9001m, HoldDocument.None, at, at))
            .ToList();
        return new CartDocument($"c_{Text(random, SkuCharacters, 26)}",
            new CartOwnerDocument("user", Text(random, Printable, 150)), "VND", long.MaxValue, lines,
            CartLimits.MaxLines * CartLimits.MaxQuantity, 99_999_999_999_999_999.9999m, at);
    }

    /// <summary>A variant of 1,024 bytes the cart accepts, drawn from one of the <see cref="HostileFillings"/>.</summary>
    internal static Dictionary<string, string> Variant(Random random, string filling, int entries)
    {
        var (alphabet, bytesPerCharacter) = filling switch
        {
            "escaped" => (Characters(0x01, 0x1F) + "\"&'+<>\\`", 1),
            // The six-byte escapes a request may carry: the API refuses control characters at its edge.
            "escaped-text" => ("\"&'+<>`", 1),
            "ascii" => (Characters(0x01, 0x7E), 1),
            "two-byte" => (Characters(0x80, 0x7FF), 2),
            "three-byte" => (Characters(0x800, 0xD7FF), 3),
            _ => throw new ArgumentOutOfRangeException(nameof(filling), filling, null),
        };
        var variant = new Dictionary<string, string>();
        var characters = CartLimits.MaxVariantBytes / entries / bytesPerCharacter;
        var keyCharacters = Math.Min(characters / 4, CartLimits.MaxVariantKeyLength);
        while (variant.Count < entries)
        {
            variant.TryAdd(Text(random, alphabet, keyCharacters), Text(random, alphabet, characters - keyCharacters));
        }

        Assert.Null(CartLimits.VariantProblem(variant)); // the cart would accept it
        return variant;
    }

    private static string Serialize(CartDocument document)
    {
        var json = new JsonOptions();
        JsonSetup.Configure(json);
        return JsonSerializer.Serialize(document, json.SerializerOptions);
    }

    private static string Text(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static string Characters(int first, int last) =>
        new(Enumerable.Range(first, last - first + 1).Select(c => (char)c).ToArray());
}
