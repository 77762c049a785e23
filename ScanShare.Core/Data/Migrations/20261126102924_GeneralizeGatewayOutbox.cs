using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class GeneralizeGatewayOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every message so far is an on-share callback; the share record keeps its protocol.
            migrationBuilder.DropColumn(
                name: "Protocol",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<string>(
                name: "Flow",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "OnShare");

            migrationBuilder.RenameColumn(
                name: "CallbackRequestId",
                table: "OutboxMessages",
                newName: "RequestId");

            migrationBuilder.AlterColumn<long>(
                name: "ShareRecordId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "PatientId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TokenId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "OutboxMessages" SET
                    "TokenId" = (SELECT s."TokenId" FROM "ShareRecords" AS s WHERE s."Id" = "OutboxMessages"."ShareRecordId"),
                    "PatientId" = (SELECT s."PatientId" FROM "ShareRecords" AS s WHERE s."Id" = "OutboxMessages"."ShareRecordId")
                """);

            migrationBuilder.CreateTable(
                name: "RefusedGatewayCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefusedGatewayCalls", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RefusedGatewayCalls_Hour_Path_Status_Reason",
                table: "RefusedGatewayCalls",
                columns: new[] { "Hour", "Path", "Status", "Reason" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RefusedGatewayCalls_LastAt",
                table: "RefusedGatewayCalls",
                column: "LastAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RefusedGatewayCalls");

            migrationBuilder.DropColumn(
                name: "PatientId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "TokenId",
                table: "OutboxMessages");

            migrationBuilder.RenameColumn(
                name: "RequestId",
                table: "OutboxMessages",
                newName: "CallbackRequestId");

            migrationBuilder.DropColumn(
                name: "Flow",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<string>(
                name: "Protocol",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "OutboxMessages" SET
                    "Protocol" = (SELECT s."Protocol" FROM "ShareRecords" AS s WHERE s."Id" = "OutboxMessages"."ShareRecordId")
                """);

            migrationBuilder.AlterColumn<long>(
                name: "ShareRecordId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
