using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Idempotency;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Cart.Web.Carts;

/// <summary>
/// The one way a cart changes: take the owner's lock, load, check If-Match, let the use case change the aggregate,
/// then in one transaction set the stock holds the change asks for (<see cref="HoldPlan"/>), build the response, and
/// commit the change with its holds and its Idempotency-Key record. When another
/// instance committed first (the version moved), start again from a fresh read (<see cref="CartWriteRetry"/>): no
/// update is ever lost. The committed cart goes into the cache before the change is acknowledged.
/// </summary>
internal sealed class CartWriter(
    CartDbContext db,
    CartDocumentBuilder documents,
    CartCache cache,
    RequestIdempotency idempotency,
    KeyedLock locks,
    CartWriteRetry retry,
    IStockHolds holds,
    TimeProvider clock,
    IOptions<JsonOptions> json,
    ILogger<CartWriter> logger)
{
    public async Task<CartDocument> WriteAsync(CartOwner owner, Func<long, bool>? ifMatch,
        Func<CartChange, Task> change, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(owner.Key, cancellationToken);
        return await retry.ExecuteAsync(
            token => AttemptAsync(owner, ifMatch, change, token), cancellationToken);
    }

    /// <summary>
    /// One try on fresh state. Returns the document once committed, null when the commit failed and nothing was
    /// committed; throws <see cref="CartRaceLostException"/> when another writer committed first.
    /// </summary>
    private async ValueTask<CartDocument?> AttemptAsync(CartOwner owner, Func<long, bool>? ifMatch,
        Func<CartChange, Task> change, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await db.FindCurrentAsync(owner, tracking: true, cancellationToken);
        ShoppingCart.EnsureVersion(current.Version, ifMatch);

        var work = new CartChange(db, owner, current, clock.GetUtcNow());
        await change(work);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await HoldStockAsync(work, cancellationToken);
        var document = await documents.BuildAsync(work.Snapshot(), owner, cancellationToken);
        if (idempotency.IsClaimed)
        {
            var body = JsonSerializer.Serialize(document, json.Value.SerializerOptions);
            await idempotency.AddCompletionAsync(db, StatusCodes.Status200OK, body, document.ETag, cancellationToken);
        }

        try
        {
            // Once the commit is under way it is not cancelled with the request: a change that commits must also
            // reach the cache, even if the client has gone.
            if (!await CommitAsync(transaction, work))
            {
                return null;
            }
        }
        catch (DbUpdateException ex) when (IsLostRace(ex))
        {
            throw new CartRaceLostException(ex);
        }

        await PutInCacheAsync(work);
        return document;
    }

    /// <summary>Sets the holds of every cart the change touched and records on each line the hold it ended with.</summary>
    private async Task HoldStockAsync(CartChange work, CancellationToken cancellationToken)
    {
        var requests = work.HoldRequests(holds.Limits).ToList();
        if (requests.Count == 0)
        {
            return;
        }

        var results = await holds.ApplyAsync(requests, work.Now, cancellationToken);
        var cart = work.Cart;
        foreach (var result in results)
        {
            if (cart is not null && result.CartId == cart.Id && cart.FindLine(result.Sku) is not null)
            {
                cart.RecordHold(result.Sku, result.Quantity, result.ExpiresAt);
            }
        }
    }

    /// <summary>
    /// Commits the change. True: committed. False: the commit failed and a fresh read showed that nothing was
    /// committed. Throws <see cref="CommitOutcomeUnknownException"/> when even that read fails; a failure before the
    /// commit was sent (an error of the statements themselves) rolls back and is thrown as it is.
    /// </summary>
    private async Task<bool> CommitAsync(IDbContextTransaction transaction, CartChange work)
    {
        Exception? commitFailure;
        await db.SaveChangesAsync(CancellationToken.None);
        try
        {
            await transaction.CommitAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            commitFailure = ex;
        }

        await transaction.DisposeAsync();

        // The server may have committed before the connection failed: only the database can tell, read outside the
        // transaction (now rolled back, if it was not committed).
        logger.LogWarning(commitFailure, "The commit of a cart change failed; reading the cart back to learn its outcome");
        return await WasCommittedAsync(work);
    }

    private async Task<bool> WasCommittedAsync(CartChange work)
    {
        var mine = work.Snapshot();
        OwnerCarts stored;
        try
        {
            db.ChangeTracker.Clear();
            stored = await db.FindCurrentAsync(work.Owner, tracking: false, CancellationToken.None);
        }
        catch (Exception ex) when (DbErrors.IsUnavailable(ex))
        {
            foreach (var (owner, _) in work.Results())
            {
                await cache.ForgetAsync(owner);
            }

            throw new CommitOutcomeUnknownException(ex);
        }

        return CartSnapshot.Of(stored.Active, stored.Version).HasSameContentAs(mine);
    }

    /// <summary>Puts every cart the change touched (both carts of a merge) into the cache, as committed.</summary>
    private async Task PutInCacheAsync(CartChange work)
    {
        foreach (var (owner, snapshot) in work.Results())
        {
            await cache.PutAsync(owner, snapshot);
        }
    }

    private static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception);
}

/// <summary>What a use case sees while it changes a cart.</summary>
internal sealed class CartChange(CartDbContext db, CartOwner owner, OwnerCarts current, DateTimeOffset now)
{
    private readonly List<(CartOwner Owner, ShoppingCart? Cart, IReadOnlyDictionary<string, int> Before)> _others = [];
    private readonly IReadOnlyDictionary<string, int> _before = HoldPlan.QuantitiesOf(current.Active);

    public CartOwner Owner { get; } = owner;

    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// True when lines that grew hold what stock is free rather than refuse the change (a merge at login must not fail
    /// for stock the shopper's carts held a moment ago).
    /// </summary>
    public bool HoldWhatIsFree { get; set; }

    /// <summary>The owner's active cart, or null when the owner has none yet.</summary>
    public ShoppingCart? Cart { get; private set; } = current.Active;

    /// <summary>The owner's cart, opened (and inserted on commit) when there is none yet.</summary>
    public ShoppingCart OpenCart()
    {
        if (Cart is null)
        {
            // Closed carts of the owner (a merged guest cart) keep their versions; the new one counts on from them.
            Cart = ShoppingCart.Open(Owner, Now, current.Version);
            db.Carts.Add(Cart);
        }

        return Cart;
    }

    /// <summary>Another owner's active cart, tracked in the same transaction (the guest cart of a merge).</summary>
    public async Task<ShoppingCart?> FindOtherCartAsync(CartOwner other, CancellationToken cancellationToken)
    {
        var cart = await db.FindActiveAsync(other, tracking: true, cancellationToken);
        _others.Add((other, cart, HoldPlan.QuantitiesOf(cart)));
        return cart;
    }

    /// <summary>The owner's cart as this change leaves it.</summary>
    public CartSnapshot Snapshot() => CartSnapshot.Of(Cart, current.Version);

    /// <summary>Every cart the change touched, as it leaves them: the owner's, and another it found (a merge's).</summary>
    public IEnumerable<(CartOwner Owner, CartSnapshot Cart)> Results()
    {
        yield return (Owner, Snapshot());
        foreach (var (other, cart, _) in _others)
        {
            if (cart is not null)
            {
                yield return (other, CartSnapshot.Of(cart.Status == CartStatus.Active ? cart : null, cart.Version));
            }
        }
    }

    /// <summary>The holds this change asks for, for every cart it touched.</summary>
    public IEnumerable<HoldRequest> HoldRequests(HoldLimits limits)
    {
        var requests = Cart is null
            ? []
            : HoldPlan.For(Cart, _before, limits, HoldWhatIsFree, Now);
        foreach (var (_, cart, before) in _others)
        {
            if (cart is not null)
            {
                requests = requests.Concat(HoldPlan.For(cart, before, limits, HoldWhatIsFree, Now));
            }
        }

        return requests;
    }
}
