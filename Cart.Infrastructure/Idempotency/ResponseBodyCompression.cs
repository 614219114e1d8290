using System.IO.Compression;
using System.Text;

namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// How a stored response body is kept: its UTF-8 bytes, Brotli-compressed. A cart document is repetitive JSON (the same
/// field names on every line), so a typical cart shrinks to about a tenth; replay gives back the exact bytes.
/// </summary>
public static class ResponseBodyCompression
{
    // Quality 5 is the knee of Brotli's curve for documents of a few KB: about 0.05 ms for a 10-line cart, and
    // markedly smaller than 4 on the hostile documents that set the storage bound; 6 and up cost far more for little.
    private static readonly BrotliCompressionOptions Options = new() { Quality = 5 };

    public static byte[] Compress(string body)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, Options))
        {
            brotli.Write(Encoding.UTF8.GetBytes(body));
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
