namespace Cart.Tests.Fixtures;

/// <summary>All SQLite API tests share one host and database file (tests use their own owners).</summary>
[CollectionDefinition(nameof(SqliteApiCollection))]
public sealed class SqliteApiCollection : ICollectionFixture<SqliteApiFixture>;

/// <summary>All PostgreSQL API tests share one host and database.</summary>
[CollectionDefinition(nameof(PostgresApiCollection))]
public sealed class PostgresApiCollection : ICollectionFixture<PostgresApiFixture>;
