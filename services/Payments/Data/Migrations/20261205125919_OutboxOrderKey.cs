using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxOrderKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "order_key",
                table: "outbox_messages",
                type: "text",
                nullable: true,
                computedColumnSql: "(payload::jsonb) ->> 'dossierId'",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_pending_order",
                table: "outbox_messages",
                columns: new[] { "order_key", "occurred_at" },
                filter: "dispatched_at IS NULL AND NOT poisoned");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_pending_order",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "order_key",
                table: "outbox_messages");
        }
    }
}
