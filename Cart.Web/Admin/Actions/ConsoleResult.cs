namespace Cart.Web.Admin.Actions;

/// <summary>What became of a console action.</summary>
public enum ConsoleOutcome
{
    /// <summary>Done; <see cref="ConsoleResult{T}.Value"/> is what it returned.</summary>
    Done,

    /// <summary>The staff member may not run it (signed out, disabled, without the role now), or it declares no
    /// policy; nothing was tried.</summary>
    Refused,

    /// <summary>What it names does not exist (any more).</summary>
    NotFound,

    /// <summary>What it acts on changed since the staff member saw it; nothing changed: look again.</summary>
    Conflict,

    /// <summary>A rule refused it (the message says which; <see cref="ConsoleResult{T}.Field"/> names the input at
    /// fault when there is one); nothing changed.</summary>
    Invalid,

    /// <summary>The data was busy or away for a moment; nothing is known to have changed: try again.</summary>
    Unavailable,
}

/// <summary>A console action's outcome, its value when done, and the sentence the page shows.</summary>
// The factories are on the type itself so an action reads as what it returns: ConsoleResult<long>.Conflict(...).
#pragma warning disable CA1000
public sealed record ConsoleResult<T>(ConsoleOutcome Outcome, T? Value, string Message, string? Field = null)
{
    public bool Succeeded => Outcome == ConsoleOutcome.Done;

    public static ConsoleResult<T> Done(T value, string message = "") => new(ConsoleOutcome.Done, value, message);

    public static ConsoleResult<T> Refused(string message) => new(ConsoleOutcome.Refused, default, message);

    public static ConsoleResult<T> NotFound(string message) => new(ConsoleOutcome.NotFound, default, message);

    public static ConsoleResult<T> Conflict(string message) => new(ConsoleOutcome.Conflict, default, message);

    public static ConsoleResult<T> Invalid(string message, string? field = null) =>
        new(ConsoleOutcome.Invalid, default, message, field);

    public static ConsoleResult<T> Unavailable(string message) => new(ConsoleOutcome.Unavailable, default, message);

    /// <summary>The value of a done action; throws the refusal as an <see cref="UnauthorizedAccessException"/> (an
    /// endpoint answers it 403) and anything else as an <see cref="InvalidOperationException"/>.</summary>
    public T ValueOrThrow() => Outcome switch
    {
        ConsoleOutcome.Done => Value!,
        ConsoleOutcome.Refused => throw new UnauthorizedAccessException(Message),
        _ => throw new InvalidOperationException(Message),
    };
}
#pragma warning restore CA1000
