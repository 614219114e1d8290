using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckoutAndTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cart_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    cart_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    owner_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cart_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    cart_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 19, scale: 4, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    order_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_price = table.Column<decimal>(type: "TEXT", precision: 19, scale: 4, nullable: false),
                    line_total = table.Column<decimal>(type: "TEXT", precision: 19, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => new { x.order_id, x.sku });
                    table.ForeignKey(
                        name: "fk_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cart_events_at_type",
                table: "cart_events",
                columns: new[] { "at", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_cart_events_cart",
                table: "cart_events",
                columns: new[] { "cart_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_owner",
                table: "orders",
                columns: new[] { "owner_kind", "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_orders_cart",
                table: "orders",
                column: "cart_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cart_events");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "orders");
        }
    }
}
