using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>Writes down that the owner read their cart (<see cref="CartActivityRules"/>): one conditional update.</summary>
public sealed class CartActivityRecorder(CartDbContext db)
{
    /// <summary>
    /// Moves the cart's <see cref="ShoppingCart.LastActiveAt"/> to <paramref name="now"/> unless activity within the
    /// last <see cref="CartActivityRules.ReadRecordedEvery"/> is already recorded (another instance, a change). Never
    /// touches the version: a read is not a change, and a writer's optimistic check is unaffected.
    /// </summary>
    public Task RecordReadAsync(string cartId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recordedSince = now - CartActivityRules.ReadRecordedEvery;
        return db.Carts()
            .Where(c => c.Id == cartId && c.Status == CartStatus.Active && c.LastActiveAt <= recordedSince)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastActiveAt, now), cancellationToken);
    }
}
