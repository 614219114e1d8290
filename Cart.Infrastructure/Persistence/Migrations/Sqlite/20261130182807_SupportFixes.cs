using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cart.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupportFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "actor_name",
                table: "cart_events",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "cart_events",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_shopper_emails_email",
                table: "shopper_emails",
                column: "email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_shopper_emails_email",
                table: "shopper_emails");

            migrationBuilder.DropColumn(
                name: "actor_name",
                table: "cart_events");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "cart_events");
        }
    }
}
