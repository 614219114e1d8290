using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminder_recoveries",
                columns: table => new
                {
                    order_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reminder_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cart_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_recoveries", x => x.order_id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_scan_positions",
                columns: table => new
                {
                    step = table.Column<int>(type: "integer", nullable: false),
                    scanned_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_scan_positions", x => x.step);
                });

            migrationBuilder.CreateTable(
                name: "reminder_unsubscribes",
                columns: table => new
                {
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_unsubscribes", x => x.email);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cart_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cart_version = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    owner_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    link_opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shopper_emails",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shopper_emails", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_recoveries_cart_id",
                table: "reminder_recoveries",
                column: "cart_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_link_opened_at",
                table: "reminders",
                column: "link_opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_status_next_attempt",
                table: "reminders",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ux_reminders_cart_step",
                table: "reminders",
                columns: new[] { "cart_id", "cart_version", "step" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_recoveries");

            migrationBuilder.DropTable(
                name: "reminder_scan_positions");

            migrationBuilder.DropTable(
                name: "reminder_unsubscribes");

            migrationBuilder.DropTable(
                name: "reminders");

            migrationBuilder.DropTable(
                name: "shopper_emails");
        }
    }
}
