using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Cart.Tests.Fixtures.HostLogTestFramework", "Cart.Tests")]

namespace Cart.Tests.Fixtures;

/// <summary>
/// xunit's own test framework, with one addition: a failing test's output ends with the path and the last lines of
/// the logs of its hosts (<see cref="HostLogs.ForFailure"/>), so the test run's output alone tells what the service
/// did. The hosts log to files, not to the terminal.
/// </summary>
public sealed class HostLogTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider,
        IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases,
            IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new XunitTestAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink,
                new FailureLogSink(executionMessageSink), executionOptions);
            await runner.RunAsync();
        }
    }

    /// <summary>Passes every message on; a test's failure gets its hosts' logs added to its output.</summary>
    private sealed class FailureLogSink(IMessageSink next) : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly ConcurrentDictionary<ITest, DateTimeOffset> _started = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestStarting starting:
                    _started[starting.Test] = DateTimeOffset.UtcNow;
                    break;
                case ITestFailed failed:
                    message = WithHostLogs(failed);
                    break;
                case ITestFinished finished:
                    _started.TryRemove(finished.Test, out _);
                    break;
            }

            return next.OnMessage(message);
        }

        private TestFailed WithHostLogs(ITestFailed failed)
        {
            string logs;
            try
            {
                var testClass = failed.TestClass.Class.ToRuntimeType();
                logs = testClass is null
                    ? ""
                    : HostLogs.ForFailure(testClass, _started.GetValueOrDefault(failed.Test, DateTimeOffset.MinValue));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logs = $"{Environment.NewLine}(the hosts' logs could not be read: {e.Message}; they are in {HostLogs.Folder})";
            }

            return new TestFailed(failed.Test, failed.ExecutionTime, failed.Output + logs, failed.ExceptionTypes,
                failed.Messages, failed.StackTraces, failed.ExceptionParentIndices);
        }
    }
}
