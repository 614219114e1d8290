using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using StackExchange.Redis;

namespace Cart.Infrastructure.Resilience;

/// <summary>What counts as a failure of each dependency, for its breaker and for its callers alike.</summary>
public static class DependencyFailures
{
    /// <summary>
    /// A failure of Redis or of the way to it, as opposed to the caller cancelling or a bug. The client cancels the
    /// commands in flight itself when it sees the connection drop, so a cancellation the caller did not ask for is one.
    /// </summary>
    public static bool IsRedisFailure(Exception exception, CancellationToken callerCancellation) =>
        exception is RedisException or TimeoutException or ObjectDisposedException
        || (exception is OperationCanceledException && !callerCancellation.IsCancellationRequested);

    /// <summary>The SMTP server could not be reached or would not open a session: no message was handed over.</summary>
    public static bool IsSmtpSessionFailure(Exception exception) =>
        exception is SocketException or IOException or SslHandshakeException or AuthenticationException
            or SmtpCommandException or SmtpProtocolException or TimeoutException;
}

/// <summary>
/// Redis could not be used for a call that may be tried again later (a cache write it did not take); the
/// <see cref="ResiliencePipelines.RedisPendingWrites"/> retry handles it.
/// </summary>
public class RedisUnavailableException(string message, Exception? inner) : Exception(message, inner);
