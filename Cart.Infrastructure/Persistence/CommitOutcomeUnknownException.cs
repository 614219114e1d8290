namespace Cart.Infrastructure.Persistence;

/// <summary>
/// A commit failed in a way that leaves its outcome unknown (the connection broke after the commit was sent), and the
/// data could not be read back to tell. The client must look before retrying; the answer never says "nothing changed".
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner) : Exception(
    "The database did not confirm the change: it may or may not have been saved. Read the cart before retrying.",
    inner);
