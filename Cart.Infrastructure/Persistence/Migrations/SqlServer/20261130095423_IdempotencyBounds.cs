using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IdempotencyBounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The records are a 24-hour cache of responses. Those stored as text cannot be replayed from the new
            // column, so they go: a retry of one of those keys runs as a new request, and a request still holding a
            // deleted claim cannot complete it (its change rolls back), so nothing is applied twice. TRUNCATE, as the
            // table may be large (nothing deleted it before), and DROP COLUMN locks the whole table anyway.
            migrationBuilder.Sql("TRUNCATE TABLE idempotency_records;");

            migrationBuilder.DropColumn(
                name: "response_body",
                table: "idempotency_records");

            migrationBuilder.AddColumn<byte[]>(
                name: "response_body_compressed",
                table: "idempotency_records",
                type: "varbinary(max)",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_scope_created_at",
                table: "idempotency_records",
                columns: new[] { "scope", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("TRUNCATE TABLE idempotency_records;");

            migrationBuilder.DropIndex(
                name: "ix_idempotency_records_scope_created_at",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "response_body_compressed",
                table: "idempotency_records");

            migrationBuilder.AddColumn<string>(
                name: "response_body",
                table: "idempotency_records",
                type: "nvarchar(max)",
                nullable: true);
        }
    }
}
