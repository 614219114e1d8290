namespace Cart.Domain.Inventory;

/// <summary>Where a hold stands. Only an <see cref="Active"/> hold counts against free stock, and only until it lapses.</summary>
public enum HoldStatus
{
    /// <summary>Reserving stock until its expiry.</summary>
    Active,

    /// <summary>Given back: the line shrank, went, or the cart was cleared.</summary>
    Released,

    /// <summary>Lapsed and given back by the expiry sweep (or by a reservation that needed the stock).</summary>
    Expired,

    /// <summary>Turned into a sale at checkout: on hand and reserved both went down.</summary>
    Committed,
}
