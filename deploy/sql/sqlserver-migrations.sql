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
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    ALTER TABLE [carts] ADD [last_active_at] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    UPDATE carts SET last_active_at = updated_at;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [data_protection_keys] (
        [id] int NOT NULL IDENTITY,
        [friendly_name] nvarchar(max) NULL,
        [xml] nvarchar(max) NULL,
        CONSTRAINT [pk_data_protection_keys] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
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
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [metric_rollup_periods] (
        [period_kind] nvarchar(16) NOT NULL,
        [period_start] datetimeoffset NOT NULL,
        [as_of] datetimeoffset NOT NULL,
        [is_final] bit NOT NULL,
        CONSTRAINT [pk_metric_rollup_periods] PRIMARY KEY ([period_kind], [period_start])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [metric_rollups] (
        [period_kind] nvarchar(16) NOT NULL,
        [period_start] datetimeoffset NOT NULL,
        [metric] nvarchar(48) NOT NULL,
        [dimension] nvarchar(64) NOT NULL,
        [value] decimal(19,4) NOT NULL,
        CONSTRAINT [pk_metric_rollups] PRIMARY KEY ([period_kind], [period_start], [metric], [dimension])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [reminder_recoveries] (
        [order_id] nvarchar(32) NOT NULL,
        [reminder_id] nvarchar(40) NOT NULL,
        [cart_id] nvarchar(32) NOT NULL,
        [step] int NOT NULL,
        [revenue] decimal(19,4) NOT NULL,
        [currency] nchar(3) NOT NULL,
        [at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_reminder_recoveries] PRIMARY KEY ([order_id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [reminder_scan_positions] (
        [step] int NOT NULL,
        [scanned_to] datetimeoffset NOT NULL,
        CONSTRAINT [pk_reminder_scan_positions] PRIMARY KEY ([step])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [reminder_unsubscribes] (
        [email] nvarchar(254) NOT NULL,
        [at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_reminder_unsubscribes] PRIMARY KEY ([email])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [reminders] (
        [id] nvarchar(40) NOT NULL,
        [cart_id] nvarchar(32) NOT NULL,
        [cart_version] bigint NOT NULL,
        [step] int NOT NULL,
        [owner_id] nvarchar(128) NOT NULL,
        [email] nvarchar(254) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [attempts] int NOT NULL,
        [next_attempt_at] datetimeoffset NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [sent_at] datetimeoffset NULL,
        [link_opened_at] datetimeoffset NULL,
        [last_error] nvarchar(500) NULL,
        CONSTRAINT [pk_reminders] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [shopper_emails] (
        [user_id] nvarchar(128) NOT NULL,
        [email] nvarchar(254) NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_shopper_emails] PRIMARY KEY ([user_id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_roles] (
        [id] nvarchar(450) NOT NULL,
        [name] nvarchar(256) NULL,
        [normalized_name] nvarchar(256) NULL,
        [concurrency_stamp] nvarchar(max) NULL,
        CONSTRAINT [pk_staff_roles] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_users] (
        [id] nvarchar(450) NOT NULL,
        [user_name] nvarchar(256) NULL,
        [normalized_user_name] nvarchar(256) NULL,
        [email] nvarchar(256) NULL,
        [normalized_email] nvarchar(256) NULL,
        [email_confirmed] bit NOT NULL,
        [password_hash] nvarchar(max) NULL,
        [security_stamp] nvarchar(max) NULL,
        [concurrency_stamp] nvarchar(max) NULL,
        [phone_number] nvarchar(max) NULL,
        [phone_number_confirmed] bit NOT NULL,
        [two_factor_enabled] bit NOT NULL,
        [lockout_end] datetimeoffset NULL,
        [lockout_enabled] bit NOT NULL,
        [access_failed_count] int NOT NULL,
        CONSTRAINT [pk_staff_users] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_role_claims] (
        [id] int NOT NULL IDENTITY,
        [role_id] nvarchar(450) NOT NULL,
        [claim_type] nvarchar(max) NULL,
        [claim_value] nvarchar(max) NULL,
        CONSTRAINT [pk_staff_role_claims] PRIMARY KEY ([id]),
        CONSTRAINT [fk_staff_role_claims_staff_roles_role_id] FOREIGN KEY ([role_id]) REFERENCES [staff_roles] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_user_claims] (
        [id] int NOT NULL IDENTITY,
        [user_id] nvarchar(450) NOT NULL,
        [claim_type] nvarchar(max) NULL,
        [claim_value] nvarchar(max) NULL,
        CONSTRAINT [pk_staff_user_claims] PRIMARY KEY ([id]),
        CONSTRAINT [fk_staff_user_claims_staff_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [staff_users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_user_logins] (
        [login_provider] nvarchar(450) NOT NULL,
        [provider_key] nvarchar(450) NOT NULL,
        [provider_display_name] nvarchar(max) NULL,
        [user_id] nvarchar(450) NOT NULL,
        CONSTRAINT [pk_staff_user_logins] PRIMARY KEY ([login_provider], [provider_key]),
        CONSTRAINT [fk_staff_user_logins_staff_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [staff_users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_user_roles] (
        [user_id] nvarchar(450) NOT NULL,
        [role_id] nvarchar(450) NOT NULL,
        CONSTRAINT [pk_staff_user_roles] PRIMARY KEY ([user_id], [role_id]),
        CONSTRAINT [fk_staff_user_roles_staff_roles_role_id] FOREIGN KEY ([role_id]) REFERENCES [staff_roles] ([id]) ON DELETE CASCADE,
        CONSTRAINT [fk_staff_user_roles_staff_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [staff_users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE TABLE [staff_user_tokens] (
        [user_id] nvarchar(450) NOT NULL,
        [login_provider] nvarchar(450) NOT NULL,
        [name] nvarchar(450) NOT NULL,
        [value] nvarchar(max) NULL,
        CONSTRAINT [pk_staff_user_tokens] PRIMARY KEY ([user_id], [login_provider], [name]),
        CONSTRAINT [fk_staff_user_tokens_staff_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [staff_users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_carts_created_at] ON [carts] ([created_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_carts_last_active_at] ON [carts] ([last_active_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_reminder_recoveries_cart_id] ON [reminder_recoveries] ([cart_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_reminders_link_opened_at] ON [reminders] ([link_opened_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_reminders_status_next_attempt] ON [reminders] ([status], [next_attempt_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE UNIQUE INDEX [ux_reminders_cart_step] ON [reminders] ([cart_id], [cart_version], [step]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_staff_role_claims_role_id] ON [staff_role_claims] ([role_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [staff_roles] ([normalized_name]) WHERE [normalized_name] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_staff_user_claims_user_id] ON [staff_user_claims] ([user_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_staff_user_logins_user_id] ON [staff_user_logins] ([user_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [ix_staff_user_roles_role_id] ON [staff_user_roles] ([role_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [staff_users] ([normalized_email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [staff_users] ([normalized_user_name]) WHERE [normalized_user_name] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130161417_JobsRemindersAndConsole'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130161417_JobsRemindersAndConsole', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130182823_SupportFixes'
)
BEGIN
    ALTER TABLE [cart_events] ADD [actor_name] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130182823_SupportFixes'
)
BEGIN
    ALTER TABLE [cart_events] ADD [reason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130182823_SupportFixes'
)
BEGIN
    CREATE INDEX [ix_shopper_emails_email] ON [shopper_emails] ([email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261130182823_SupportFixes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261130182823_SupportFixes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261208004312_HoldBudgets'
)
BEGIN
    ALTER TABLE [stock_holds] ADD [holder] nvarchar(140) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261208004312_HoldBudgets'
)
BEGIN
    ALTER TABLE [stock_holds] ADD [placed_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261208004312_HoldBudgets'
)
BEGIN
    CREATE INDEX [ix_stock_holds_holder_sku] ON [stock_holds] ([holder], [sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261208004312_HoldBudgets'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261208004312_HoldBudgets', N'10.0.15');
END;

COMMIT;
GO

