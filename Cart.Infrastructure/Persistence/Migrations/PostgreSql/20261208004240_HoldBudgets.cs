using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HoldBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "holder",
                table: "stock_holds",
                type: "character varying(140)",
                maxLength: 140,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "placed_at",
                table: "stock_holds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_holds_holder_sku",
                table: "stock_holds",
                columns: new[] { "holder", "sku" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stock_holds_holder_sku",
                table: "stock_holds");

            migrationBuilder.DropColumn(
                name: "holder",
                table: "stock_holds");

            migrationBuilder.DropColumn(
                name: "placed_at",
                table: "stock_holds");
        }
    }
}
