using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.Sqlite
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
                    period_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period_start = table.Column<long>(type: "INTEGER", nullable: false),
                    as_of = table.Column<long>(type: "INTEGER", nullable: false),
                    is_final = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_rollup_periods", x => new { x.period_kind, x.period_start });
                });

            migrationBuilder.CreateTable(
                name: "metric_rollups",
                columns: table => new
                {
                    period_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period_start = table.Column<long>(type: "INTEGER", nullable: false),
                    metric = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 19, scale: 4, nullable: false)
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
