namespace Cart.Web.Carts;

/// <summary>
/// A change of a cart answered with the cart as it leaves it (200 and its ETag): what every use case but checkout is.
/// <see cref="CartWriter"/> calls <see cref="ApplyAsync"/> once per attempt, before the transaction, with the owner's
/// lock held and If-Match checked; a lost race calls it again on fresh state, so it keeps no state of its own.
/// </summary>
internal interface ICartEdit
{
    /// <summary>Changes the aggregate(s) of <paramref name="change"/>; a <c>DomainException</c> refuses the change.</summary>
    ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken);
}

/// <summary>
/// A change of a cart with statements of its own inside the cart's transaction and an answer of its own (checkout:
/// the order, 201). On each attempt <see cref="CartWriter"/> runs, in this order:
/// <list type="number">
/// <item><see cref="ICartEdit.ApplyAsync"/>, before the transaction;</item>
/// <item>the stock holds the change asks for (the writer's);</item>
/// <item><see cref="RunInTransactionAsync"/>, the operation's own statements;</item>
/// <item>the cart's timeline (the writer's);</item>
/// <item><see cref="RespondAsync"/>, the answer, still inside the transaction so an Idempotency-Key record keeps it;</item>
/// <item>one commit of all of it (the writer's).</item>
/// </list>
/// </summary>
internal interface ICartOperation<TResponse> : ICartEdit where TResponse : class
{
    Task RunInTransactionAsync(CartChange change, CancellationToken cancellationToken);

    Task<CartWriteResponse<TResponse>> RespondAsync(CartChange change, CancellationToken cancellationToken);
}

/// <summary>What a write answers: status, body, and the headers that go with it.</summary>
internal sealed record CartWriteResponse<T>(int Status, T Body, string? ETag, string? Location = null) where T : class;
