namespace Cart.Domain.Carts;

public enum CartStatus
{
    /// <summary>The owner's current cart; an owner has at most one.</summary>
    Active,

    /// <summary>A guest cart whose lines moved into a shopper's cart at login.</summary>
    Merged,

    /// <summary>Turned into an order at checkout.</summary>
    CheckedOut,
}
