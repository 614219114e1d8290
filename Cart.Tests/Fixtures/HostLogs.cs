using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Cart.Infrastructure.Persistence;

namespace Cart.Tests.Fixtures;

/// <summary>
/// The logs of the test run's hosts: one folder per run, one file per host named after the test class (or fixture)
/// that made it, and, for a failing test, the logs of its own hosts (<see cref="HostLogTestFramework"/>).
/// </summary>
public static class HostLogs
{
    /// <summary>Set by scripts/test.sh to the folder of this run's host logs.</summary>
    public const string FolderVariable = "CART_TEST_LOG_DIR";

    /// <summary>How many of a host's last lines a failing test shows.</summary>
    public const int TailLines = 50;

    /// <summary>At most this many hosts' logs shown for one failing test (the newest).</summary>
    private const int MaxHostsShown = 3;

    private static readonly ConcurrentQueue<HostLog> All = new();
    private static int Sequence;

    /// <summary>This run's folder: <c>CART_TEST_LOG_DIR</c>, or TestResults/logs/&lt;time&gt;-&lt;process&gt; next to
    /// the test assembly.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given
        ? Path.GetFullPath(given)
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "logs",
            $"{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Environment.ProcessId}");

    /// <summary>A log for a new host on <paramref name="provider"/>, made by <paramref name="owner"/> (or by the test
    /// class found on the caller's stack).</summary>
    public static HostLog Create(DatabaseProvider provider, Type? owner)
    {
        owner ??= Caller();
        var name = $"{owner?.Name ?? "host"}-{provider.ToString().ToLowerInvariant()}-" +
                   $"{Interlocked.Increment(ref Sequence):0000}.log";
        var log = new HostLog(Path.Combine(Folder, name), owner);
        All.Enqueue(log);
        return log;
    }

    /// <summary>
    /// What a failure of a test of <paramref name="testClass"/> that started at <paramref name="started"/> shows: the
    /// path and last lines of the hosts its fixtures made, and of those the test itself made.
    /// </summary>
    public static string ForFailure(Type testClass, DateTimeOffset started)
    {
        var fixtures = testClass.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .ToList();
        var logs = All.Where(log => log.Owner is { } owner
                && ((owner.IsAssignableFrom(testClass) && log.CreatedAt >= started)
                    || fixtures.Any(owner.IsAssignableFrom)))
            .ToList();
        if (logs.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder().AppendLine().Append("Logs of this test's hosts (").Append(logs.Count)
            .Append(logs.Count > MaxHostsShown ? $", the newest {MaxHostsShown} shown" : "").AppendLine("):");
        foreach (var log in logs.TakeLast(MaxHostsShown))
        {
            var tail = log.Tail(TailLines);
            text.Append("--- ").Append(log.Path).Append(" (last ").Append(tail.Count).AppendLine(" lines)");
            foreach (var line in tail)
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    /// <summary>The test class on the stack (a method of it, or of its lambdas and async methods, made the host), or
    /// else the first class of the test assembly that is not the host itself (a fixture).</summary>
    private static Type? Caller()
    {
        var assembly = typeof(HostLogs).Assembly;
        var types = new StackTrace().GetFrames().Select(f => f.GetMethod()?.DeclaringType).OfType<Type>()
            .Select(Unnested).Where(t => t.Assembly == assembly && t != typeof(HostLogs) && t != typeof(CartAppFactory))
            .ToList();
        return types.FirstOrDefault(IsTestClass) ?? types.FirstOrDefault();
    }

    /// <summary>The class a compiler-made type (an async method's state, a lambda's closure) belongs to.</summary>
    private static Type Unnested(Type type)
    {
        while (type.DeclaringType is { } outer && type.Name.StartsWith('<'))
        {
            type = outer;
        }

        return type;
    }

    private static bool IsTestClass(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.IsDefined(typeof(FactAttribute), inherit: true));
}
