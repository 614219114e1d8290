IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [migration_id] nvarchar(150) NOT NULL,
        [product_version] nvarchar(32) NOT NULL,
        CONSTRAINT [pk___ef_migrations_history] PRIMARY KEY ([migration_id])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE TABLE [carts] (
        [id] nvarchar(32) NOT NULL,
        [owner_kind] nvarchar(8) NOT NULL,
        [owner_id] nvarchar(128) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [currency] nchar(3) NULL,
        [version] bigint NOT NULL,
        [merged_into_cart_id] nvarchar(32) NULL,
        [created_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_carts] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE TABLE [idempotency_records] (
        [scope] nvarchar(160) NOT NULL,
        [key] nvarchar(255) NOT NULL,
        [fingerprint] nchar(64) NOT NULL,
        [claim_token] nvarchar(32) NOT NULL,
        [completed] bit NOT NULL,
        [response_status] int NULL,
        [response_body] nvarchar(max) NULL,
        [response_etag] nvarchar(64) NULL,
        [response_location] nvarchar(300) NULL,
        [created_at] datetimeoffset NOT NULL,
        [locked_until] datetimeoffset NOT NULL,
        [expires_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_idempotency_records] PRIMARY KEY ([scope], [key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE TABLE [products] (
        [sku] nvarchar(64) NOT NULL,
        [name] nvarchar(200) NOT NULL,
        [image_url] nvarchar(500) NULL,
        [price] decimal(19,4) NOT NULL,
        [currency] nchar(3) NOT NULL,
        [active] bit NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_products] PRIMARY KEY ([sku])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE TABLE [cart_items] (
        [cart_id] nvarchar(32) NOT NULL,
        [sku] nvarchar(64) NOT NULL,
        [quantity] int NOT NULL,
        [unit_price] decimal(19,4) NOT NULL,
        [variant] nvarchar(max) NOT NULL,
        [added_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_cart_items] PRIMARY KEY ([cart_id], [sku]),
        CONSTRAINT [fk_cart_items_carts_cart_id] FOREIGN KEY ([cart_id]) REFERENCES [carts] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE INDEX [ix_carts_owner_id] ON [carts] ([owner_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE INDEX [ix_carts_updated_at] ON [carts] ([updated_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [ux_carts_active_owner] ON [carts] ([owner_kind], [owner_id]) WHERE status = ''active''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE INDEX [ix_idempotency_records_expires_at] ON [idempotency_records] ([expires_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    CREATE INDEX [ix_products_name] ON [products] ([name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125142824_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261125142824_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130095423_IdempotencyBounds'
)
BEGIN
    TRUNCATE TABLE idempotency_records;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130095423_IdempotencyBounds'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[idempotency_records]') AND [c].[name] = N'response_body');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [idempotency_records] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [idempotency_records] DROP COLUMN [response_body];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130095423_IdempotencyBounds'
)
BEGIN
    ALTER TABLE [idempotency_records] ADD [response_body_compressed] varbinary(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130095423_IdempotencyBounds'
)
BEGIN
    CREATE INDEX [ix_idempotency_records_scope_created_at] ON [idempotency_records] ([scope], [created_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130095423_IdempotencyBounds'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130095423_IdempotencyBounds', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    ALTER TABLE [cart_items] ADD [held_quantity] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    ALTER TABLE [cart_items] ADD [hold_expires_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    CREATE TABLE [stock] (
        [sku] nvarchar(64) NOT NULL,
        [on_hand] int NOT NULL,
        [reserved] int NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_stock] PRIMARY KEY ([sku]),
        CONSTRAINT [ck_stock_reserved_within_on_hand] CHECK (reserved >= 0 AND reserved <= on_hand)
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    CREATE TABLE [stock_holds] (
        [cart_id] nvarchar(32) NOT NULL,
        [sku] nvarchar(64) NOT NULL,
        [quantity] int NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [expires_at] datetimeoffset NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_stock_holds] PRIMARY KEY ([cart_id], [sku])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_stock_holds_active_expiry] ON [stock_holds] ([expires_at]) WHERE status = ''active''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_stock_holds_active_sku_expiry] ON [stock_holds] ([sku], [expires_at]) WHERE status = ''active''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130120634_StockHolds'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130120634_StockHolds', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE TABLE [cart_events] (
        [id] bigint NOT NULL IDENTITY,
        [cart_id] nvarchar(32) NOT NULL,
        [owner_kind] nvarchar(8) NULL,
        [owner_id] nvarchar(128) NULL,
        [type] nvarchar(32) NOT NULL,
        [sku] nvarchar(64) NULL,
        [quantity] int NULL,
        [detail] nvarchar(200) NULL,
        [actor_kind] nvarchar(16) NOT NULL,
        [actor_id] nvarchar(160) NOT NULL,
        [at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_cart_events] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE TABLE [orders] (
        [id] nvarchar(32) NOT NULL,
        [cart_id] nvarchar(32) NOT NULL,
        [owner_kind] nvarchar(8) NOT NULL,
        [owner_id] nvarchar(128) NOT NULL,
        [currency] nchar(3) NOT NULL,
        [status] nvarchar(32) NOT NULL,
        [total] decimal(19,4) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_orders] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE TABLE [order_lines] (
        [order_id] nvarchar(32) NOT NULL,
        [sku] nvarchar(64) NOT NULL,
        [name] nvarchar(200) NULL,
        [quantity] int NOT NULL,
        [unit_price] decimal(19,4) NOT NULL,
        [line_total] decimal(19,4) NOT NULL,
        CONSTRAINT [pk_order_lines] PRIMARY KEY ([order_id], [sku]),
        CONSTRAINT [fk_order_lines_orders_order_id] FOREIGN KEY ([order_id]) REFERENCES [orders] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE INDEX [ix_cart_events_at_type] ON [cart_events] ([at], [type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE INDEX [ix_cart_events_cart] ON [cart_events] ([cart_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE INDEX [ix_orders_owner] ON [orders] ([owner_kind], [owner_id], [created_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    CREATE UNIQUE INDEX [ux_orders_cart] ON [orders] ([cart_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130124217_CheckoutAndTimeline'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130124217_CheckoutAndTimeline', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130145714_CartCleanup'
)
BEGIN
    ALTER TABLE [carts] ADD [last_active_at] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130145714_CartCleanup'
)
BEGIN
    UPDATE carts SET last_active_at = updated_at;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130145714_CartCleanup'
)
BEGIN
    CREATE TABLE [deleted_carts_versions] (
        [owner_kind] nvarchar(8) NOT NULL,
        [owner_id] nvarchar(128) NOT NULL,
        [version] bigint NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_deleted_carts_versions] PRIMARY KEY ([owner_id], [owner_kind])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130145714_CartCleanup'
)
BEGIN
    CREATE INDEX [ix_carts_last_active_at] ON [carts] ([last_active_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130145714_CartCleanup'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130145714_CartCleanup', N'10.0.15');
END;

COMMIT;
GO

