using System.Globalization;
using Cart.Domain.Carts;
using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// One demo cart's life, written with the entities and timeline entries the real write path, hold sweep and reminders
/// job leave: lines added (with their holds), then a checkout, or abandonment (holds lapse and are swept; a signed-in
/// shopper is reminded, may follow the link, and may come back and check out: a recovered cart).
/// </summary>
internal sealed class DemoCartStory(CartDbContext db, Random random, DateTimeOffset now, TimeSpan holdDuration,
    Dictionary<string, int> liveHolds)
{
    private static readonly TimeSpan FirstReminder = TimeSpan.FromHours(1);
    private static readonly TimeSpan SecondReminder = TimeSpan.FromDays(1);

    private readonly List<StockHold> _holds = [];

    public void Write(int number, DateTimeOffset start, IReadOnlyList<DemoProduct> market, bool quickly)
    {
        var signedIn = random.NextDouble() < 0.6;
        var owner = signedIn
            ? CartOwner.User(string.Create(CultureInfo.InvariantCulture, $"demo-user-{number:00000}"))
            : CartOwner.Guest(string.Create(CultureInfo.InvariantCulture, $"{CartOwner.GuestIdPrefix}demo{number:00000}"));
        var cart = ShoppingCart.Open(owner, start);
        _holds.Clear();
        var seen = 0;
        var at = start;
        var lines = random.Next(1, 5);
        for (var i = 0; i < lines && at < now; i++)
        {
            var product = market[random.Next(market.Count)];
            if (cart.FindLine(product.Info.Sku) is not null)
            {
                continue;
            }

            cart.AddItem(product.Info, random.Next(1, 4), null, at);
            seen = Timeline(cart, seen, CartActor.Shopper(owner), at);
            if (product.Holdable)
            {
                Hold(cart, product.Info.Sku, at);
            }

            at += quickly ? TimeSpan.FromSeconds(random.Next(5, 40)) : TimeSpan.FromMinutes(random.Next(1, 7));
        }

        var lastChange = cart.UpdatedAt;
        db.Carts().Add(cart);
        if (signedIn)
        {
            db.Add(new ShopperEmail(owner.Id, $"{owner.Id}@example.com", lastChange));
        }

        var checkoutAt = lastChange + TimeSpan.FromMinutes(random.Next(3, 40));
        if (!quickly && random.NextDouble() < 0.3 && checkoutAt < now)
        {
            CheckOut(cart, seen, checkoutAt);
            return;
        }

        if (signedIn)
        {
            Remind(cart, seen, lastChange);
        }

        if (cart.Status == CartStatus.Active)
        {
            SweepLapsedHolds(cart, now);
            foreach (var hold in HoldsOf(cart).Where(h => h.Status == HoldStatus.Active))
            {
                liveHolds[hold.Sku] = liveHolds.GetValueOrDefault(hold.Sku) + hold.Quantity;
            }
        }
    }

    private void Hold(ShoppingCart cart, string sku, DateTimeOffset at)
    {
        var line = cart.FindLine(sku)!;
        var expiresAt = at + holdDuration;
        cart.RecordHold(sku, line.Quantity, expiresAt);
        var hold = new StockHold(cart.Id, sku, at);
        hold.Hold(line.Quantity, expiresAt, at, HoldLimits.HolderKey(cart.Owner, null), at);
        db.StockHolds().Add(hold);
        _holds.Add(hold);
        Event(cart.Id, cart.Owner, new CartActivity(CartActivityTypes.HoldPlaced, sku, line.Quantity,
            expiresAt.ToString("O", CultureInfo.InvariantCulture)), CartActor.Shopper(cart.Owner), at);
    }

    /// <summary>Holds lapsed by <paramref name="until"/> are released by the sweep, within its minute.</summary>
    private void SweepLapsedHolds(ShoppingCart cart, DateTimeOffset until)
    {
        foreach (var hold in HoldsOf(cart).Where(h => h.Status == HoldStatus.Active && h.ExpiresAt <= until))
        {
            var sweptAt = hold.ExpiresAt + TimeSpan.FromSeconds(random.Next(1, 60));
            db.Entry(hold).Property(h => h.Status).CurrentValue = HoldStatus.Expired;
            db.Entry(hold).Property(h => h.UpdatedAt).CurrentValue = sweptAt;
            Event(cart.Id, null, new CartActivity(CartActivityTypes.HoldExpired, hold.Sku, hold.Quantity),
                CartActor.HoldExpiry, sweptAt);
        }
    }

    /// <summary>This cart's holds (kept here: asking the change tracker would scan every entity of the batch).</summary>
    private List<StockHold> HoldsOf(ShoppingCart cart) => _holds.Where(h => h.CartId == cart.Id).ToList();

    private Order CheckOut(ShoppingCart cart, int seen, DateTimeOffset at)
    {
        var orderId = Order.NewId(at);
        cart.CheckOut(cart.Lines.ToDictionary(l => l.Sku, l => l.UnitPrice, StringComparer.Ordinal), orderId, at);
        Timeline(cart, seen, CartActor.Shopper(cart.Owner), at);
        var order = Order.Place(orderId, cart.Id, cart.Owner, cart.Currency!,
            cart.Lines.Select(l => (l.Sku, (string?)null, l.Quantity, l.UnitPrice)), at);
        db.Orders().Add(order);
        SweepLapsedHolds(cart, at);
        foreach (var hold in HoldsOf(cart).Where(h => h.Status == HoldStatus.Active))
        {
            hold.Commit(at);
            Event(cart.Id, cart.Owner, new CartActivity(CartActivityTypes.HoldCommitted, hold.Sku, hold.Quantity),
                CartActor.Shopper(cart.Owner), at);
        }

        return order;
    }

    /// <summary>The reminders an idle signed-in cart gets by now, the link followed by some, and some of those
    /// shoppers checking out within the recovery window (credited by the job a few minutes later).</summary>
    private void Remind(ShoppingCart cart, int seen, DateTimeOffset lastChange)
    {
        for (var step = 1; step <= 2; step++)
        {
            var sentAt = lastChange + (step == 1 ? FirstReminder : SecondReminder) + TimeSpan.FromMinutes(random.Next(0, 5));
            if (sentAt >= now || (step == 2 && random.NextDouble() < 0.3))
            {
                return;
            }

            var reminder = new Reminder(cart.Id, cart.Version, step, cart.OwnerId, $"{cart.OwnerId}@example.com", sentAt);
            db.Add(reminder);
            var entry = db.Entry(reminder);
            entry.Property(r => r.Status).CurrentValue = ReminderStatus.Sent;
            entry.Property(r => r.Attempts).CurrentValue = 1;
            entry.Property(r => r.SentAt).CurrentValue = sentAt;
            Event(cart.Id, cart.Owner, new CartActivity(CartActivityTypes.ReminderSent, Quantity: step, Detail: reminder.Id),
                ReminderDispatcher.Actor, sentAt);

            var openedAt = sentAt + TimeSpan.FromMinutes(random.Next(5, 480));
            if (random.NextDouble() >= 0.4 || openedAt >= now)
            {
                continue;
            }

            entry.Property(r => r.LinkOpenedAt).CurrentValue = openedAt;
            Event(cart.Id, cart.Owner, new CartActivity(CartActivityTypes.ReminderLinkOpened, Quantity: step,
                Detail: reminder.Id), CartActor.Shopper(cart.Owner), openedAt);
            var boughtAt = openedAt + TimeSpan.FromMinutes(random.Next(2, 30));
            var creditedAt = boughtAt + TimeSpan.FromMinutes(random.Next(1, 5));
            if (random.NextDouble() < 0.55 && creditedAt < now)
            {
                var order = CheckOut(cart, seen, boughtAt);
                db.Add(new ReminderRecovery(order.Id, reminder.Id, cart.Id, step, order.Total, order.Currency, creditedAt));
                Event(cart.Id, cart.Owner, new CartActivity(CartActivityTypes.CartRecovered, Quantity: step,
                    Detail: order.Id), ReminderDispatcher.Actor, creditedAt);
            }

            return;
        }
    }

    /// <summary>The cart's new activity since <paramref name="seen"/> onto its timeline; returns how many it has.</summary>
    private int Timeline(ShoppingCart cart, int seen, CartActor actor, DateTimeOffset at)
    {
        foreach (var activity in cart.Activity.Skip(seen))
        {
            Event(cart.Id, cart.Owner, activity, actor, at);
        }

        return cart.Activity.Count;
    }

    private void Event(string cartId, CartOwner? owner, CartActivity activity, CartActor actor, DateTimeOffset at) =>
        db.CartEvents().Add(new CartEvent(cartId, owner, activity, actor, at));
}
