using Cart.Domain.Common;

namespace Cart.Domain.Inventory;

/// <summary>Not enough free stock for one or more lines; nothing was changed.</summary>
public static class InsufficientStock
{
    public static DomainException For(IReadOnlyList<StockShortage> lines)
    {
        var detail = lines.Count == 1
            ? $"Only {lines[0].Available} of SKU '{lines[0].Sku}' can be held; {lines[0].Requested} were asked for."
            : $"{lines.Count} lines cannot be covered by the stock that is free.";
        var details = new Dictionary<string, object?>
        {
            ["lines"] = lines.Select(l => new { sku = l.Sku, requested = l.Requested, available = l.Available }).ToList(),
        };
        if (lines.Count == 1)
        {
            details["available"] = lines[0].Available;
        }

        return new DomainException(new DomainError(ErrorCodes.InsufficientStock, detail), details);
    }
}
