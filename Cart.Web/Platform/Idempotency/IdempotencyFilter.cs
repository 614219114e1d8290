using System.Security.Cryptography;
using Cart.Domain.Common;
using Cart.Infrastructure.Idempotency;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Platform.Idempotency;

/// <summary>
/// Idempotency-Key on POST/PUT/DELETE (IETF draft): a retry with the same key and body replays the first response,
/// the same key with another body is refused (422), and a retry while the first still runs gets 409.
/// Keys are scoped to the caller, who holds a bounded number of them. A request that fails changes nothing and gives its
/// key back.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store, RequestIdempotency current) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotencyKeyRequired>() is not null)
            {
                throw new ProblemException(ProblemCodes.IdempotencyKeyRequired,
                    "This request needs an Idempotency-Key header, so that a retry can never do it twice.");
            }

            return await next(context);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (!IsValidKey(key))
        {
            throw RequestValidationException.For(HeaderName,
                $"An Idempotency-Key is one value of 1 to {IdempotencyLimits.MaxKeyLength} visible ASCII characters.");
        }

        var scope = http.User.GetCartOwner().Key;
        var fingerprint = await FingerprintAsync(http.Request, http.RequestAborted);
        var claim = await store.ClaimAsync(scope, key!, fingerprint, http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay when claim.Response is { } stored:
                return new ReplayedResult(stored);
            case ClaimOutcome.InProgress:
                throw new ProblemException(ProblemCodes.RequestInProgress,
                    "A request with this Idempotency-Key is still running; retry when it has finished.");
            case ClaimOutcome.Mismatch:
                throw new ProblemException(ProblemCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was used for a different request.");
            case ClaimOutcome.TooManyInProgress:
                // 409 like any key whose request is still running: the caller's remedy is the same, wait and retry.
                throw new ProblemException(ProblemCodes.RequestInProgress,
                    "Too many requests with an Idempotency-Key are still running for this caller; retry when some " +
                    "have finished.");
        }

        current.Claimed(scope, key!, claim.ClaimToken);
        try
        {
            var result = await next(context);
            if (!current.IsCompleted)
            {
                await store.ReleaseAsync(scope, key!, claim.ClaimToken, CancellationToken.None);
            }

            return result;
        }
        catch
        {
            await store.ReleaseAsync(scope, key!, claim.ClaimToken, CancellationToken.None);
            throw;
        }
    }

    private static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= IdempotencyLimits.MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = Array.Empty<byte>();
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, cancellationToken);
            request.Body.Position = 0;
            body = copy.ToArray();
        }

        return Fingerprint(request.Method, request.Path, body);
    }

    /// <summary>SHA-256 of method, path and body bytes: what makes two requests "the same request".</summary>
    internal static string Fingerprint(string method, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method} {path}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>The stored first response of an idempotent request, written again byte for byte.</summary>
internal sealed class ReplayedResult(StoredResponse stored) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = stored.Status;
        response.Headers["Idempotent-Replayed"] = "true";
        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(stored.Body);
    }
}

/// <summary>Endpoint metadata: the route refuses requests without an Idempotency-Key (400).</summary>
internal sealed class IdempotencyKeyRequired
{
    public static readonly IdempotencyKeyRequired Instance = new();
}

internal static class IdempotencyKeyRequiredExtensions
{
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(IdempotencyKeyRequired.Instance);
}
