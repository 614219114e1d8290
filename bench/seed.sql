-- 100,000 carts of shoppers bench_000001..bench_100000, 1 to 5 lines each, from the demo catalog's SGD products
-- (SG-0001..SG-0049 are all active). Run after `Cart.Web migrate` has created the schema and the catalog.
INSERT INTO carts (id, owner_kind, owner_id, status, currency, version, merged_into_cart_id, created_at, updated_at,
                   last_active_at)
SELECT 'c_bench' || lpad(n::text, 21, '0'), 'user', 'bench_' || lpad(n::text, 6, '0'), 'active', 'SGD',
       1 + (n % 5), NULL, now(), now(), now()
FROM generate_series(1, 100000) AS n;

INSERT INTO cart_items (cart_id, sku, quantity, unit_price, variant, added_at, updated_at)
SELECT 'c_bench' || lpad(n::text, 21, '0'), p.sku, 1 + ((n + i) % 3), p.price, '{}', now(), now()
FROM generate_series(1, 100000) AS n
CROSS JOIN LATERAL generate_series(0, n % 5) AS i
JOIN products p ON p.sku = 'SG-' || lpad((1 + ((n * 7 + i * 13) % 49))::text, 4, '0');

ANALYZE carts;
ANALYZE cart_items;

-- The SKUs the adds use are tracked with plenty of stock, so every add takes the hold path (lock, conditional
-- reserve, hold row) without running out; the demo catalog leaves every 10th untracked, as in production.
UPDATE stock SET on_hand = 1000000 WHERE sku BETWEEN 'SG-0001' AND 'SG-0049';
