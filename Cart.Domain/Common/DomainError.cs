namespace Cart.Domain.Common;

/// <summary>
/// A rule the domain refused. <see cref="Code"/> is the stable code of the storefront API that clients switch on;
/// <see cref="Field"/> names the request field at fault when there is one.
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null);
