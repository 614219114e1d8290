-- 1,000,000 carts for the console benchmark (bench/console.sh), written by SQL, not the API.
-- Run after `Cart.Web migrate` has created the schema and the demo catalog.
--   cart n (1..1,000,000), last active within the last 30 days (n minutes apart, wrapping):
--     owner: a guest session g_con_<n> when n % 10 < 4, else the user u_con_<n>, who has an email shopper<n>@bench.cart
--     status: checked out (an order o_con_<n>) when n % 8 = 0, merged when n % 25 = 1, else active
--     lines: 1 to 3 of the demo catalog's SGD products SG-0001..SG-0049; every 7th active cart holds its first line
--   timeline: one item_added per line, and checked_out for a checked-out cart (≈ 2.3 million events)
-- Look-ups in the bench read keys of every kind from the middle of the range, so no cache of a recent row helps.
INSERT INTO carts (id, owner_kind, owner_id, status, currency, version, merged_into_cart_id, created_at, updated_at,
                   last_active_at)
SELECT 'c_con_' || lpad(n::text, 7, '0'),
       CASE WHEN n % 10 < 4 THEN 'guest' ELSE 'user' END,
       CASE WHEN n % 10 < 4 THEN 'g_con_' ELSE 'u_con_' END || n,
       CASE WHEN n % 8 = 0 THEN 'checkedout' WHEN n % 25 = 1 THEN 'merged' ELSE 'active' END,
       'SGD', 1 + (n % 5), NULL, at - interval '1 hour', at, at
FROM generate_series(1, 1000000) AS n
CROSS JOIN LATERAL (SELECT now() - (n % 43200) * interval '1 minute' AS at) AS t;

INSERT INTO shopper_emails (user_id, email, updated_at)
SELECT 'u_con_' || n, 'shopper' || n || '@bench.cart', now()
FROM generate_series(1, 1000000) AS n
WHERE n % 10 >= 4;

INSERT INTO cart_items (cart_id, sku, quantity, unit_price, variant, added_at, updated_at)
SELECT 'c_con_' || lpad(n::text, 7, '0'), p.sku, 1 + ((n + i) % 3), p.price, '{}', now(), now()
FROM generate_series(1, 1000000) AS n
CROSS JOIN LATERAL generate_series(0, n % 3) AS i
JOIN products p ON p.sku = 'SG-' || lpad((1 + ((n * 7 + i * 13) % 49))::text, 4, '0');

INSERT INTO orders (id, cart_id, owner_kind, owner_id, currency, status, total, created_at)
SELECT 'o_con_' || lpad(c.n::text, 7, '0'), 'c_con_' || lpad(c.n::text, 7, '0'),
       CASE WHEN c.n % 10 < 4 THEN 'guest' ELSE 'user' END,
       CASE WHEN c.n % 10 < 4 THEN 'g_con_' ELSE 'u_con_' END || c.n,
       'SGD', 'pending_payment', t.total, now() - (c.n % 43200) * interval '1 minute'
FROM generate_series(8, 1000000, 8) AS c(n)
JOIN LATERAL (SELECT sum(quantity * unit_price) AS total FROM cart_items
              WHERE cart_id = 'c_con_' || lpad(c.n::text, 7, '0')) AS t ON true;

INSERT INTO order_lines (order_id, sku, name, quantity, unit_price, line_total)
SELECT 'o_' || substr(i.cart_id, 3), i.sku, p.name, i.quantity, i.unit_price, i.quantity * i.unit_price
FROM cart_items i
JOIN products p ON p.sku = i.sku
WHERE i.cart_id IN (SELECT cart_id FROM orders WHERE id LIKE 'o_con_%');

INSERT INTO cart_events (cart_id, owner_kind, owner_id, type, sku, quantity, detail, actor_kind, actor_id, at)
SELECT c.id, c.owner_kind, c.owner_id, 'item_added', i.sku, i.quantity, NULL, 'shopper',
       c.owner_kind || ':' || c.owner_id, c.created_at
FROM carts c
JOIN cart_items i ON i.cart_id = c.id
WHERE c.id LIKE 'c_con_%';

INSERT INTO cart_events (cart_id, owner_kind, owner_id, type, sku, quantity, detail, actor_kind, actor_id, at)
SELECT o.cart_id, o.owner_kind, o.owner_id, 'checked_out', NULL, NULL, o.id, 'shopper',
       o.owner_kind || ':' || o.owner_id, o.created_at
FROM orders o
WHERE o.id LIKE 'o_con_%';

-- Holds on the first line's SKU of every 7th active cart, expiring over the next 15 minutes.
INSERT INTO stock_holds (cart_id, sku, quantity, status, expires_at, created_at, updated_at)
SELECT c.id, s.sku, 1, 'active', now() + (n % 15) * interval '1 minute', now(), now()
FROM generate_series(7, 1000000, 7) AS n
JOIN carts c ON c.id = 'c_con_' || lpad(n::text, 7, '0') AND c.status = 'active'
JOIN stock s ON s.sku = 'SG-' || lpad((1 + ((n * 7) % 49))::text, 4, '0');

UPDATE stock SET on_hand = 10000000, reserved = 0 WHERE sku BETWEEN 'SG-0001' AND 'SG-0049';
UPDATE stock s SET reserved = h.units
FROM (SELECT sku, sum(quantity) AS units FROM stock_holds WHERE status = 'active' GROUP BY sku) AS h
WHERE s.sku = h.sku;

ANALYZE carts;
ANALYZE cart_items;
ANALYZE cart_events;
ANALYZE orders;
ANALYZE shopper_emails;
ANALYZE stock_holds;
