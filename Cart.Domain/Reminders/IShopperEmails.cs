namespace Cart.Domain.Reminders;

/// <summary>
/// What the Reminders module offers the Carts module: where a signed-in shopper's reminder emails go, remembered
/// from the <c>email</c> claim of the token the shopper last changed their cart with.
/// </summary>
public interface IShopperEmails
{
    /// <summary>Stores <paramref name="email"/> as <paramref name="userId"/>'s address when it differs from the one
    /// stored (most calls write nothing). An address that is not one is ignored.</summary>
    Task RememberAsync(string userId, string email, CancellationToken cancellationToken);

    /// <summary>The address stored for <paramref name="userId"/>; null when none is.</summary>
    Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The shoppers stored with <paramref name="email"/> (normalised first; an address that is not one
    /// finds nobody), at most <paramref name="limit"/>, in user id order.</summary>
    Task<IReadOnlyList<string>> UsersWithAsync(string email, int limit, CancellationToken cancellationToken);
}
