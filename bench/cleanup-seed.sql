-- 1,000,000 carts for the cleanup benchmark (bench/cleanup.sh), written by SQL, not the API, in well under a minute.
-- Run after `Cart.Web migrate` has created the schema and the demo catalog.
--   carts 1..150,000 (15 %): active now (shoppers bench_000001.. read them during the run); every 5th holds stock
--   carts 150,001..1,000,000 (85 %): last active 31 to 48 days ago, so the cleanup deletes them; of those, one in 20
--     checked out and one in 20 merged; every 5th active one still holds stock through a hold that lapsed but was
--     never released (the bench keeps hold-expiry off, so the cleanup gives those units back itself)
-- Each cart has 1 to 3 lines of the demo catalog's SGD products SG-0001..SG-0049.
INSERT INTO carts (id, owner_kind, owner_id, status, currency, version, merged_into_cart_id, created_at, updated_at,
                   last_active_at)
SELECT 'c_clean' || lpad(n::text, 21, '0'), 'user',
       'bench_' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END,
       CASE WHEN n <= 150000 THEN 'active' WHEN n % 20 = 0 THEN 'checkedout' WHEN n % 20 = 1 THEN 'merged'
            ELSE 'active' END,
       'SGD', 1 + (n % 5), NULL, at, at, at
FROM generate_series(1, 1000000) AS n
CROSS JOIN LATERAL (SELECT CASE WHEN n <= 150000 THEN now()
                                ELSE now() - interval '31 days' - (n % 25000) * interval '1 minute' END AS at) AS t;

INSERT INTO cart_items (cart_id, sku, quantity, unit_price, variant, added_at, updated_at)
SELECT 'c_clean' || lpad(n::text, 21, '0'), p.sku, 1 + ((n + i) % 3), p.price, '{}', now(), now()
FROM generate_series(1, 1000000) AS n
CROSS JOIN LATERAL generate_series(0, n % 3) AS i
JOIN products p ON p.sku = 'SG-' || lpad((1 + ((n * 7 + i * 13) % 49))::text, 4, '0');

-- Holds on the first line's SKU, where that SKU's stock is tracked.
INSERT INTO stock_holds (cart_id, sku, quantity, status, expires_at, created_at, updated_at)
SELECT c.id, s.sku, 1, 'active', c.last_active_at + interval '15 minutes', c.last_active_at, c.last_active_at
FROM generate_series(1, 1000000) AS n
JOIN carts c ON c.id = 'c_clean' || lpad(n::text, 21, '0')
JOIN stock s ON s.sku = 'SG-' || lpad((1 + ((n * 7) % 49))::text, 4, '0')
WHERE n % 5 = 0 AND c.status = 'active';

UPDATE stock SET on_hand = 10000000, reserved = 0 WHERE sku BETWEEN 'SG-0001' AND 'SG-0049';
UPDATE stock s SET reserved = h.units
FROM (SELECT sku, sum(quantity) AS units FROM stock_holds WHERE status = 'active' GROUP BY sku) AS h
WHERE s.sku = h.sku;

ANALYZE carts;
ANALYZE cart_items;
ANALYZE stock_holds;
