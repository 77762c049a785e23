using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartialOutboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_DeliveredAt_GaveUpAt_NextAttemptAt",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Pending_NextAttemptAt",
                table: "OutboxMessages",
                column: "NextAttemptAt",
                filter: "\"DeliveredAt\" IS NULL AND \"GaveUpAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Undelivered_CreatedAt",
                table: "OutboxMessages",
                column: "CreatedAt",
                filter: "\"DeliveredAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Pending_NextAttemptAt",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Undelivered_CreatedAt",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DeliveredAt_GaveUpAt_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "DeliveredAt", "GaveUpAt", "NextAttemptAt" });
        }
    }
}
