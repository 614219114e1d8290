using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Concurrency;
using Cart.Web.Platform.Idempotency;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Web.Carts;

/// <summary>
/// The one way a cart changes: take the owner's lock, load, check If-Match, let the use case change the aggregate,
/// build the response, and commit the change with its Idempotency-Key record in one transaction. When another
/// instance committed first (the version moved), start again from a fresh read: no update is ever lost.
/// </summary>
internal sealed class CartWriter(
    CartDbContext db,
    CartDocumentBuilder documents,
    CartCache cache,
    RequestIdempotency idempotency,
    KeyedLock locks,
    TimeProvider clock,
    IOptions<JsonOptions> json)
{
    private const int MaxAttempts = 10;

    public async Task<CartDocument> WriteAsync(CartOwner owner, Func<long, bool>? ifMatch,
        Func<CartChange, Task> change, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(owner.Key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var cart = await db.FindActiveAsync(owner, tracking: true, cancellationToken);
            ShoppingCart.EnsureVersion(cart?.Version ?? 0, ifMatch);

            var work = new CartChange(db, owner, cart, clock.GetUtcNow());
            await change(work);

            var document = await documents.BuildAsync(CartSnapshot.From(work.Cart), owner, cancellationToken);
            if (idempotency.IsClaimed)
            {
                var body = JsonSerializer.Serialize(document, json.Value.SerializerOptions);
                await idempotency.AddCompletionAsync(db, StatusCodes.Status200OK, body, document.ETag,
                    cancellationToken);
            }

            try
            {
                // Once the commit is under way it is not cancelled with the request: a change that commits must
                // also drop its cached copies, even if the client has gone.
                await db.SaveChangesAsync(CancellationToken.None);
                await InvalidateAsync(work);
                return document;
            }
            catch (DbUpdateException ex) when (IsLostRace(ex))
            {
                if (attempt == MaxAttempts)
                {
                    throw new CartBusyException();
                }

                // Another instance wrote first; back off a little, with jitter, and redo the change on fresh state.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>Drops the cached copies of every cart the change touched (both carts of a merge).</summary>
    private async Task InvalidateAsync(CartChange work)
    {
        foreach (var owner in work.TouchedOwners)
        {
            // Committed is committed: a client that went away must not leave a stale copy behind.
            await cache.InvalidateAsync(owner);
        }
    }

    private static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception);
}

/// <summary>What a use case sees while it changes a cart.</summary>
internal sealed class CartChange(CartDbContext db, CartOwner owner, ShoppingCart? cart, DateTimeOffset now)
{
    private readonly List<CartOwner> _others = [];

    public CartOwner Owner { get; } = owner;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The owner's active cart, or null when the owner has none yet.</summary>
    public ShoppingCart? Cart { get; private set; } = cart;

    /// <summary>The owner's cart, opened (and inserted on commit) when there is none yet.</summary>
    public async Task<ShoppingCart> OpenCartAsync(CancellationToken cancellationToken)
    {
        if (Cart is null)
        {
            // Closed carts of the owner (a merged guest cart) keep their versions; the new one counts on from them.
            var lastVersion = await db.Carts
                .Where(c => c.OwnerKind == Owner.Kind && c.OwnerId == Owner.Id)
                .MaxAsync(c => (long?)c.Version, cancellationToken) ?? 0;
            Cart = ShoppingCart.Open(Owner, Now, lastVersion);
            db.Carts.Add(Cart);
        }

        return Cart;
    }

    /// <summary>Another owner's active cart, tracked in the same transaction (the guest cart of a merge).</summary>
    public Task<ShoppingCart?> FindOtherCartAsync(CartOwner other, CancellationToken cancellationToken)
    {
        _others.Add(other);
        return db.FindActiveAsync(other, tracking: true, cancellationToken);
    }

    public IEnumerable<CartOwner> TouchedOwners => _others.Prepend(Owner);
}
