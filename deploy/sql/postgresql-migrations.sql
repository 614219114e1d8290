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
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    ALTER TABLE carts ADD last_active_at timestamp with time zone NOT NULL DEFAULT TIMESTAMPTZ '-infinity';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    UPDATE carts SET last_active_at = updated_at;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE data_protection_keys (
        id integer GENERATED BY DEFAULT AS IDENTITY,
        friendly_name text,
        xml text,
        CONSTRAINT pk_data_protection_keys PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
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
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE metric_rollup_periods (
        period_kind character varying(16) NOT NULL,
        period_start timestamp with time zone NOT NULL,
        as_of timestamp with time zone NOT NULL,
        is_final boolean NOT NULL,
        CONSTRAINT pk_metric_rollup_periods PRIMARY KEY (period_kind, period_start)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE metric_rollups (
        period_kind character varying(16) NOT NULL,
        period_start timestamp with time zone NOT NULL,
        metric character varying(48) NOT NULL,
        dimension character varying(64) NOT NULL,
        value numeric(19,4) NOT NULL,
        CONSTRAINT pk_metric_rollups PRIMARY KEY (period_kind, period_start, metric, dimension)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE reminder_recoveries (
        order_id character varying(32) NOT NULL,
        reminder_id character varying(40) NOT NULL,
        cart_id character varying(32) NOT NULL,
        step integer NOT NULL,
        revenue numeric(19,4) NOT NULL,
        currency character(3) NOT NULL,
        at timestamp with time zone NOT NULL,
        CONSTRAINT pk_reminder_recoveries PRIMARY KEY (order_id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE reminder_scan_positions (
        step integer NOT NULL,
        scanned_to timestamp with time zone NOT NULL,
        CONSTRAINT pk_reminder_scan_positions PRIMARY KEY (step)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE reminder_unsubscribes (
        email character varying(254) NOT NULL,
        at timestamp with time zone NOT NULL,
        CONSTRAINT pk_reminder_unsubscribes PRIMARY KEY (email)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE reminders (
        id character varying(40) NOT NULL,
        cart_id character varying(32) NOT NULL,
        cart_version bigint NOT NULL,
        step integer NOT NULL,
        owner_id character varying(128) NOT NULL,
        email character varying(254) NOT NULL,
        status character varying(16) NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamp with time zone NOT NULL,
        created_at timestamp with time zone NOT NULL,
        sent_at timestamp with time zone,
        link_opened_at timestamp with time zone,
        last_error character varying(500),
        CONSTRAINT pk_reminders PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE shopper_emails (
        user_id character varying(128) NOT NULL,
        email character varying(254) NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_shopper_emails PRIMARY KEY (user_id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_roles (
        id text NOT NULL,
        name character varying(256),
        normalized_name character varying(256),
        concurrency_stamp text,
        CONSTRAINT pk_staff_roles PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_users (
        id text NOT NULL,
        user_name character varying(256),
        normalized_user_name character varying(256),
        email character varying(256),
        normalized_email character varying(256),
        email_confirmed boolean NOT NULL,
        password_hash text,
        security_stamp text,
        concurrency_stamp text,
        phone_number text,
        phone_number_confirmed boolean NOT NULL,
        two_factor_enabled boolean NOT NULL,
        lockout_end timestamp with time zone,
        lockout_enabled boolean NOT NULL,
        access_failed_count integer NOT NULL,
        CONSTRAINT pk_staff_users PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_role_claims (
        id integer GENERATED BY DEFAULT AS IDENTITY,
        role_id text NOT NULL,
        claim_type text,
        claim_value text,
        CONSTRAINT pk_staff_role_claims PRIMARY KEY (id),
        CONSTRAINT fk_staff_role_claims_staff_roles_role_id FOREIGN KEY (role_id) REFERENCES staff_roles (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_user_claims (
        id integer GENERATED BY DEFAULT AS IDENTITY,
        user_id text NOT NULL,
        claim_type text,
        claim_value text,
        CONSTRAINT pk_staff_user_claims PRIMARY KEY (id),
        CONSTRAINT fk_staff_user_claims_staff_users_user_id FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_user_logins (
        login_provider text NOT NULL,
        provider_key text NOT NULL,
        provider_display_name text,
        user_id text NOT NULL,
        CONSTRAINT pk_staff_user_logins PRIMARY KEY (login_provider, provider_key),
        CONSTRAINT fk_staff_user_logins_staff_users_user_id FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_user_roles (
        user_id text NOT NULL,
        role_id text NOT NULL,
        CONSTRAINT pk_staff_user_roles PRIMARY KEY (user_id, role_id),
        CONSTRAINT fk_staff_user_roles_staff_roles_role_id FOREIGN KEY (role_id) REFERENCES staff_roles (id) ON DELETE CASCADE,
        CONSTRAINT fk_staff_user_roles_staff_users_user_id FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE TABLE staff_user_tokens (
        user_id text NOT NULL,
        login_provider text NOT NULL,
        name text NOT NULL,
        value text,
        CONSTRAINT pk_staff_user_tokens PRIMARY KEY (user_id, login_provider, name),
        CONSTRAINT fk_staff_user_tokens_staff_users_user_id FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_carts_created_at ON carts (created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_carts_last_active_at ON carts (last_active_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_reminder_recoveries_cart_id ON reminder_recoveries (cart_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_reminders_link_opened_at ON reminders (link_opened_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_reminders_status_next_attempt ON reminders (status, next_attempt_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE UNIQUE INDEX ux_reminders_cart_step ON reminders (cart_id, cart_version, step);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_staff_role_claims_role_id ON staff_role_claims (role_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE UNIQUE INDEX "RoleNameIndex" ON staff_roles (normalized_name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_staff_user_claims_user_id ON staff_user_claims (user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_staff_user_logins_user_id ON staff_user_logins (user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX ix_staff_user_roles_role_id ON staff_user_roles (role_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE INDEX "EmailIndex" ON staff_users (normalized_email);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    CREATE UNIQUE INDEX "UserNameIndex" ON staff_users (normalized_user_name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130161403_JobsRemindersAndConsole') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130161403_JobsRemindersAndConsole', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130182815_SupportFixes') THEN
    ALTER TABLE cart_events ADD actor_name character varying(256);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130182815_SupportFixes') THEN
    ALTER TABLE cart_events ADD reason character varying(500);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130182815_SupportFixes') THEN
    CREATE INDEX ix_shopper_emails_email ON shopper_emails (email);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261130182815_SupportFixes') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261130182815_SupportFixes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261208004240_HoldBudgets') THEN
    ALTER TABLE stock_holds ADD holder character varying(140);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261208004240_HoldBudgets') THEN
    ALTER TABLE stock_holds ADD placed_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261208004240_HoldBudgets') THEN
    CREATE INDEX ix_stock_holds_holder_sku ON stock_holds (holder, sku);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "migration_id" = '20261208004240_HoldBudgets') THEN
    INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
    VALUES ('20261208004240_HoldBudgets', '10.0.15');
    END IF;
END $EF$;
COMMIT;

