CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE TABLE carts (
        id character varying(32) NOT NULL,
        owner_kind character varying(8) NOT NULL,
        owner_id character varying(128) NOT NULL,
        status character varying(16) NOT NULL,
        currency character(3),
        version bigint NOT NULL,
        merged_into_cart_id character varying(32),
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_carts PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE TABLE idempotency_records (
        scope character varying(160) NOT NULL,
        key character varying(255) NOT NULL,
        fingerprint character(64) NOT NULL,
        claim_token character varying(32) NOT NULL,
        completed boolean NOT NULL,
        response_status integer,
        response_body text,
        response_etag character varying(64),
        response_location character varying(300),
        created_at timestamp with time zone NOT NULL,
        locked_until timestamp with time zone NOT NULL,
        expires_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_idempotency_records PRIMARY KEY (scope, key)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE TABLE products (
        sku character varying(64) NOT NULL,
        name character varying(200) NOT NULL,
        image_url character varying(500),
        price numeric(19,4) NOT NULL,
        currency character(3) NOT NULL,
        active boolean NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_products PRIMARY KEY (sku)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE TABLE cart_items (
        cart_id character varying(32) NOT NULL,
        sku character varying(64) NOT NULL,
        quantity integer NOT NULL,
        unit_price numeric(19,4) NOT NULL,
        variant text NOT NULL,
        added_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_cart_items PRIMARY KEY (cart_id, sku),
        CONSTRAINT fk_cart_items_carts_cart_id FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE INDEX ix_carts_owner_id ON carts (owner_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE INDEX ix_carts_updated_at ON carts (updated_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE UNIQUE INDEX ux_carts_active_owner ON carts (owner_kind, owner_id) WHERE status = 'active';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE INDEX ix_idempotency_records_expires_at ON idempotency_records (expires_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    CREATE INDEX ix_products_name ON products (name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261125142819_Initial') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261125142819_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130095343_IdempotencyBounds') THEN
    TRUNCATE TABLE idempotency_records;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130095343_IdempotencyBounds') THEN
    ALTER TABLE idempotency_records DROP COLUMN response_body;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130095343_IdempotencyBounds') THEN
    ALTER TABLE idempotency_records ADD response_body_compressed bytea;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130095343_IdempotencyBounds') THEN
    CREATE INDEX ix_idempotency_records_scope_created_at ON idempotency_records (scope, created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130095343_IdempotencyBounds') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130095343_IdempotencyBounds', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    ALTER TABLE cart_items ADD held_quantity integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    ALTER TABLE cart_items ADD hold_expires_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    CREATE TABLE stock (
        sku character varying(64) NOT NULL,
        on_hand integer NOT NULL,
        reserved integer NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_stock PRIMARY KEY (sku),
        CONSTRAINT ck_stock_reserved_within_on_hand CHECK (reserved >= 0 AND reserved <= on_hand)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    CREATE TABLE stock_holds (
        cart_id character varying(32) NOT NULL,
        sku character varying(64) NOT NULL,
        quantity integer NOT NULL,
        status character varying(16) NOT NULL,
        expires_at timestamp with time zone NOT NULL,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_stock_holds PRIMARY KEY (cart_id, sku)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    CREATE INDEX ix_stock_holds_active_expiry ON stock_holds (expires_at) WHERE status = 'active';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    CREATE INDEX ix_stock_holds_active_sku_expiry ON stock_holds (sku, expires_at) WHERE status = 'active';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130120614_StockHolds') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130120614_StockHolds', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE TABLE cart_events (
        id bigint GENERATED BY DEFAULT AS IDENTITY,
        cart_id character varying(32) NOT NULL,
        owner_kind character varying(8),
        owner_id character varying(128),
        type character varying(32) NOT NULL,
        sku character varying(64),
        quantity integer,
        detail character varying(200),
        actor_kind character varying(16) NOT NULL,
        actor_id character varying(160) NOT NULL,
        at timestamp with time zone NOT NULL,
        CONSTRAINT pk_cart_events PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE TABLE orders (
        id character varying(32) NOT NULL,
        cart_id character varying(32) NOT NULL,
        owner_kind character varying(8) NOT NULL,
        owner_id character varying(128) NOT NULL,
        currency character(3) NOT NULL,
        status character varying(32) NOT NULL,
        total numeric(19,4) NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_orders PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE TABLE order_lines (
        order_id character varying(32) NOT NULL,
        sku character varying(64) NOT NULL,
        name character varying(200),
        quantity integer NOT NULL,
        unit_price numeric(19,4) NOT NULL,
        line_total numeric(19,4) NOT NULL,
        CONSTRAINT pk_order_lines PRIMARY KEY (order_id, sku),
        CONSTRAINT fk_order_lines_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE INDEX ix_cart_events_at_type ON cart_events (at, type);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE INDEX ix_cart_events_cart ON cart_events (cart_id, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE INDEX ix_orders_owner ON orders (owner_kind, owner_id, created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    CREATE UNIQUE INDEX ux_orders_cart ON orders (cart_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130124159_CheckoutAndTimeline') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130124159_CheckoutAndTimeline', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130145645_CartCleanup') THEN
    ALTER TABLE carts ADD last_active_at timestamp with time zone NOT NULL DEFAULT TIMESTAMPTZ '-infinity';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130145645_CartCleanup') THEN
    UPDATE carts SET last_active_at = updated_at;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130145645_CartCleanup') THEN
    CREATE TABLE deleted_carts_versions (
        owner_kind character varying(8) NOT NULL,
        owner_id character varying(128) NOT NULL,
        version bigint NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_deleted_carts_versions PRIMARY KEY (owner_id, owner_kind)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130145645_CartCleanup') THEN
    CREATE INDEX ix_carts_last_active_at ON carts (last_active_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130145645_CartCleanup') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130145645_CartCleanup', '10.0.15');
    END IF;
END $EF$;
COMMIT;

