using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cart.Tests.Fixtures;

/// <summary>
/// The log of one test host, in a file of its own under <see cref="HostLogs.Folder"/> instead of the terminal: one
/// plain line per entry (time, level, category, message, then the exception). The host's own filters apply, as they do
/// to its console log in production. The file is made with the first entry; entries after <see cref="Close"/> (from
/// the job server's process-wide logging) are dropped.
/// </summary>
public sealed class HostLog : ILoggerProvider
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer;
    private bool _closed;

    public HostLog(string path, Type? owner)
    {
        Path = path;
        Owner = owner;
    }

    /// <summary>Where the log is written.</summary>
    public string Path { get; }

    /// <summary>The test class (or fixture) that made the host, when known.</summary>
    public Type? Owner { get; }

    /// <summary>When the host was made (to tell the hosts of one test from those of the tests before it).</summary>
    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last <paramref name="count"/> lines written, or none if the host logged nothing.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lock)
        {
            _writer?.Flush();
        }

        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var tail = new Queue<string>(count);
        while (reader.ReadLine() is { } line)
        {
            if (tail.Count == count)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return [.. tail];
    }

    /// <summary>Ends the log (the host has stopped); later entries are dropped.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _writer?.Dispose();
            _writer = null;
        }
    }

    // The providers of a host are disposed with it; the file stays open for what the host logs while it stops.
    public void Dispose()
    {
    }

    private void Write(string text)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (_writer is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _writer = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write,
                    FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false))
                { AutoFlush = true };
            }

            _writer.Write(text);
        }
    }

    private sealed class Logger(HostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = new StringBuilder()
                .Append(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))
                .Append(' ').Append(Level(logLevel)).Append(' ').Append(category).Append(": ")
                .Append(formatter(state, exception)).AppendLine();
            if (exception is not null)
            {
                line.Append(exception).AppendLine();
            }

            log.Write(line.ToString());
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "WARN",
            LogLevel.Error => "FAIL",
            _ => "CRIT",
        };
    }
}
