namespace Cart.Tests.Fixtures;

/// <summary>Fails the request, and so the test, when a response is not what the OpenAPI document promises.</summary>
public sealed class ResponseContractHandler(Func<CancellationToken, Task<ResponseContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken); // buffers it for the test too
        var failure = (await contract(cancellationToken)).Check(request.Method.Method,
            request.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body);
        return failure is null ? response : throw new ResponseContractException(failure);
    }
}

public sealed class ResponseContractException(string message) : Exception(message);
