using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// Stores a shopper's address when it differs from the stored one. The address each shopper was last seen with is
/// kept in process memory for a while, so the usual call (same shopper, same address) costs no query at all; a
/// miss reads the row by its key and writes only on a difference.
/// </summary>
internal sealed class EfShopperEmails(CartDbContext db, SeenShopperEmails seenEmails, TimeProvider clock) : IShopperEmails
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _seen = seenEmails.Cache;

    public async Task RememberAsync(string userId, string email, CancellationToken cancellationToken)
    {
        var address = EmailAddresses.Normalise(email);
        var key = userId;
        if (address is null || (_seen.TryGetValue(key, out string? known) && known == address))
        {
            return;
        }

        var stored = await db.Set<ShopperEmail>().SingleOrDefaultAsync(e => e.UserId == userId, cancellationToken);
        try
        {
            if (stored is null)
            {
                db.Add(new ShopperEmail(userId, address, clock.GetUtcNow()));
            }
            else if (stored.Email != address)
            {
                stored.Email = address;
                stored.UpdatedAt = clock.GetUtcNow();
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return; // a concurrent write of the same shopper stored it; the next write compares again
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        _seen.Set(key, address, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1 });
    }

    public Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<ShopperEmail>().AsNoTracking()
            .Where(e => e.UserId == userId)
            .Select(e => e.Email)
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> UsersWithAsync(string email, int limit,
        CancellationToken cancellationToken)
    {
        // On ix_shopper_emails_email.
        var address = EmailAddresses.Normalise(email);
        return address is null
            ? []
            : await db.Set<ShopperEmail>().AsNoTracking().Where(e => e.Email == address)
                .Select(e => e.UserId).OrderBy(u => u).Take(limit).ToListAsync(cancellationToken);
    }
}

/// <summary>The address recently seen per shopper, bounded to 100,000 shoppers per instance.</summary>
internal sealed class SeenShopperEmails : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public void Dispose() => Cache.Dispose();
}
