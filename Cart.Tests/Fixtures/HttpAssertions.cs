using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cart.Tests.Fixtures;

/// <summary>Reading responses the way a storefront client would.</summary>
public static class HttpAssertions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"Expected {(int)status} {status} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and API.md code; returns it.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status,
        string code)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>Sends a raw body exactly as given (for malformed or hostile JSON).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url,
        string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        return client.SendAsync(request);
    }

    public static int Quantity(this JsonElement cart, string sku) =>
        cart.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("sku").GetString() == sku)
            .Select(i => i.GetProperty("quantity").GetInt32())
            .SingleOrDefault();

    public static long Version(this JsonElement cart) => cart.GetProperty("version").GetInt64();
}
