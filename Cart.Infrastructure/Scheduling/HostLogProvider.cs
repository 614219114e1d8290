using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Hangfire's logging, which is process-wide (its classes keep loggers in static fields, made the first time each
/// is used), sent to the logging of the host that started last. Hangfire's own provider binds a logger to one host's
/// factory for good: once that host is disposed, the next static logger made from it throws, and the class that
/// wanted it is unusable in the process. Here a logger looks up the current factory on each message, and a factory
/// already disposed drops the message instead. One host per process, as in production, sees no difference.
/// </summary>
internal sealed class HostLogProvider : ILogProvider
{
    public static readonly HostLogProvider Instance = new();

    private volatile ILoggerFactory? _factory;

    private HostLogProvider()
    {
    }

    public void Use(ILoggerFactory factory) => _factory = factory;

    public ILog GetLogger(string name) => new HostLog(this, name);

    private sealed class HostLog(HostLogProvider provider, string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = provider._factory;
            if (factory is null)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = ToLevel(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level); // Hangfire asks whether a level is on with a null message
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA2254 // the message is Hangfire's, already formatted
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host that owned the factory has gone; a later host sets its own
            }
        }

        private static LogLevel ToLevel(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => LogLevel.Trace,
            HangfireLogLevel.Debug => LogLevel.Debug,
            HangfireLogLevel.Info => LogLevel.Information,
            HangfireLogLevel.Warn => LogLevel.Warning,
            HangfireLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
