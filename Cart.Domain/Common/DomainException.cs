namespace Cart.Domain.Common;

/// <summary>Thrown by an aggregate when a change would break one of its rules; nothing has been changed.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainError error, IReadOnlyDictionary<string, object?>? details = null)
        : base(error.Message)
    {
        Error = error;
        Details = details ?? new Dictionary<string, object?>();
    }

    public DomainError Error { get; }

    /// <summary>Extra members for the problem document (for example the lines at fault).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; }
}
