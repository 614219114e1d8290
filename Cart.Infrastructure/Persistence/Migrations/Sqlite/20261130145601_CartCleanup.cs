using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CartCleanup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_active_at",
                table: "carts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing carts were last active when last changed; reads count from now on.
            migrationBuilder.Sql("UPDATE carts SET last_active_at = updated_at;");

            migrationBuilder.CreateTable(
                name: "deleted_carts_versions",
                columns: table => new
                {
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deleted_carts_versions", x => new { x.owner_id, x.owner_kind });
                });

            migrationBuilder.CreateIndex(
                name: "ix_carts_last_active_at",
                table: "carts",
                column: "last_active_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deleted_carts_versions");

            migrationBuilder.DropIndex(
                name: "ix_carts_last_active_at",
                table: "carts");

            migrationBuilder.DropColumn(
                name: "last_active_at",
                table: "carts");
        }
    }
}
