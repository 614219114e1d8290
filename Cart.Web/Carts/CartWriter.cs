using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Idempotency;
using Cart.Web.Platform.Problems;
using Cart.Web.Platform.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Cart.Web.Carts;

/// <summary>
/// The one way a cart changes: take the owner's lock, load, check If-Match, let the use case (an
/// <see cref="ICartEdit"/> or <see cref="ICartOperation{TResponse}"/>) change the aggregate, then in one transaction
/// set the stock holds the change asks for (<see cref="HoldPlan"/>), run the operation's own statements (checkout's),
/// append the cart's timeline, build the response, and commit all of it with the Idempotency-Key record. When another
/// instance committed first (the version moved), start again from a fresh read (<see cref="CartWriteRetry"/>): no
/// update is ever lost. The committed cart goes into the cache before the change is acknowledged.
/// </summary>
internal sealed class CartWriter(
    CartDbContext db,
    CartQueries carts,
    CartDocumentBuilder documents,
    CartCache cache,
    RequestIdempotency idempotency,
    KeyedLock locks,
    CartWriteRetry retry,
    IStockHolds holds,
    IHttpContextAccessor http,
    TimeProvider clock,
    IOptions<JsonOptions> json,
    ILogger<CartWriter> logger)
{
    /// <summary>Makes the edit and answers with the cart as it leaves it (200, with its ETag).</summary>
    public async Task<CartDocument> WriteAsync(CartOwner owner, Func<long, bool>? ifMatch, ICartEdit edit,
        CancellationToken cancellationToken)
    {
        var response = await WriteAsync(owner, ifMatch, new AnsweredWithTheCart(edit, documents), cancellationToken);
        return response.Body;
    }

    /// <summary>Runs the operation's steps (see <see cref="ICartOperation{TResponse}"/>) and answers as it says.</summary>
    public async Task<CartWriteResponse<T>> WriteAsync<T>(CartOwner owner, Func<long, bool>? ifMatch,
        ICartOperation<T> operation, CancellationToken cancellationToken) where T : class
    {
        using var held = await locks.AcquireAsync(owner.Key, cancellationToken);
        var tried = new CartsTried();
        try
        {
            return await retry.ExecuteAsync(
                token => AttemptAsync(owner, ifMatch, operation, tried, token), cancellationToken);
        }
        catch (DomainException) when (tried.First is not null && (tried.Last is null || tried.Last == tried.First))
        {
            // The change failed on the cart it first read, or on finding no cart at all after a lost race: if that
            // cart was checked out meanwhile (on any instance), the truth is that, not the stock its units went to
            // (insufficient_stock) or the line that went with the cart (line_not_found).
            if (await carts.IsCheckedOutAsync(tried.First, CancellationToken.None))
            {
                throw new DomainException(CartErrors.CheckedOutMeanwhile);
            }

            throw;
        }
    }

    /// <summary>
    /// One try on fresh state. Returns the response once committed, null when the commit failed and nothing was
    /// committed; throws <see cref="CartRaceLostException"/> when another writer committed first.
    /// </summary>
    private async ValueTask<CartWriteResponse<T>?> AttemptAsync<T>(CartOwner owner, Func<long, bool>? ifMatch,
        ICartOperation<T> operation, CartsTried tried, CancellationToken cancellationToken) where T : class
    {
        db.ChangeTracker.Clear();
        var current = await carts.FindCurrentAsync(owner, tracking: true, cancellationToken);
        tried.Saw(current.Active?.Id);
        ShoppingCart.EnsureVersion(current.Version, ifMatch);

        var work = new CartChange(db, carts, owner, current, clock.GetUtcNow());
        await operation.ApplyAsync(work, cancellationToken);
        tried.Saw(work.Cart?.Id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var holdResults = await HoldStockAsync(work, cancellationToken);
            await operation.RunInTransactionAsync(work, cancellationToken);
            CartTimeline.Append(db, work, holdResults);
            work.Seal();
            var response = await operation.RespondAsync(work, cancellationToken);
            if (idempotency.IsClaimed)
            {
                var body = JsonSerializer.Serialize(response.Body, json.Value.SerializerOptions);
                await idempotency.AddCompletionAsync(db, response.Status, body, response.ETag, response.Location,
                    cancellationToken);
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
            return response;
        }
        catch (DomainException ex) when (current.Active is not null)
        {
            // The cart was read before the transaction: if another writer has committed to it since (a checkout on
            // another instance that sold the units this change wanted, say), the error may come from stale state.
            // That is a lost race: start again on fresh state, as for a version conflict.
            await transaction.DisposeAsync();
            if (await carts.HasChangedAsync(current.Active.Id, current.Version, CancellationToken.None))
            {
                throw new CartRaceLostException(ex);
            }

            throw;
        }
    }

    /// <summary>Sets the holds of every cart the change touched and records on each line the hold it ended with.</summary>
    private async Task<IReadOnlyList<HoldResult>> HoldStockAsync(CartChange work, CancellationToken cancellationToken)
    {
        // A request whose peer is not known shares one budget with every other such request ("unknown").
        var context = http.HttpContext;
        var address = context is null ? null : ClientAddress.KeyOf(context.Connection.RemoteIpAddress);
        var requests = work.HoldRequests(holds.Limits, address).ToList();
        if (requests.Count == 0)
        {
            return [];
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

        return results;
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
            stored = await carts.FindCurrentAsync(work.Owner, tracking: false, CancellationToken.None);
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

/// <summary>The carts a write's attempts worked on: the first attempt's, and the last one's (null: none).</summary>
internal sealed class CartsTried
{
    private bool _any;

    public string? First { get; private set; }

    public string? Last { get; private set; }

    public void Saw(string? cartId)
    {
        if (!_any)
        {
            First = cartId;
            _any = true;
        }

        Last = cartId;
    }
}

/// <summary>An edit answered with the cart document as the edit leaves it (200, with its ETag).</summary>
internal sealed class AnsweredWithTheCart(ICartEdit edit, CartDocumentBuilder documents) : ICartOperation<CartDocument>
{
    public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken) =>
        edit.ApplyAsync(change, cancellationToken);

    public Task RunInTransactionAsync(CartChange change, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<CartWriteResponse<CartDocument>> RespondAsync(CartChange change,
        CancellationToken cancellationToken)
    {
        var document = await documents.BuildAsync(change.Snapshot(), change.Owner, cancellationToken);
        return new CartWriteResponse<CartDocument>(StatusCodes.Status200OK, document, document.ETag);
    }
}
