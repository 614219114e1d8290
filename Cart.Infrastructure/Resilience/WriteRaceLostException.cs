namespace Cart.Infrastructure.Resilience;

/// <summary>
/// Another writer committed a change to the same rows first; the attempt starts again on fresh state
/// (<see cref="ResiliencePipelines.DatabaseWrites"/>).
/// </summary>
public class WriteRaceLostException(string message, Exception inner) : Exception(message, inner);
