using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MetricRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "metric_rollup_periods",
                columns: table => new
                {
                    period_kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    is_final = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_rollup_periods", x => new { x.period_kind, x.period_start });
                });

            migrationBuilder.CreateTable(
                name: "metric_rollups",
                columns: table => new
                {
                    period_kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    metric = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    dimension = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "decimal(19,4)", precision: 19, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_rollups", x => new { x.period_kind, x.period_start, x.metric, x.dimension });
                });

            migrationBuilder.CreateIndex(
                name: "ix_carts_created_at",
                table: "carts",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "metric_rollup_periods");

            migrationBuilder.DropTable(
                name: "metric_rollups");

            migrationBuilder.DropIndex(
                name: "ix_carts_created_at",
                table: "carts");
        }
    }
}
