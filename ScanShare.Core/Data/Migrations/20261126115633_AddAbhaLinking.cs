using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddAbhaLinking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LinkToken",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbhaSmsLink",
                table: "Facilities",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "OnClick");

            migrationBuilder.CreateTable(
                name: "LinkTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    AbhaAddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RetryAfter = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailureStreak = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkTokens_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LinkTokens_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SmsLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenId = table.Column<long>(type: "INTEGER", nullable: false),
                    PhoneNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmsLinks_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SmsLinks_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SmsLinks_Tokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "Tokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisitLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PatientReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CareContextReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Display = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HiType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    LinkRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LinkRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NotifyRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NotifyProblem = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitLinks_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLinks_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLinks_Tokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "Tokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LinkTokens_FacilityId_PatientId",
                table: "LinkTokens",
                columns: new[] { "FacilityId", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkTokens_OneOpenRequest",
                table: "LinkTokens",
                columns: new[] { "FacilityId", "PatientId" },
                unique: true,
                filter: "\"State\" = 'Requested'");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTokens_PatientId",
                table: "LinkTokens",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTokens_Refused_AnsweredAt",
                table: "LinkTokens",
                columns: new[] { "FacilityId", "AnsweredAt" },
                filter: "\"State\" IN ('Refused', 'Unanswered')");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTokens_RequestId",
                table: "LinkTokens",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsLinks_Errored_AnsweredAt",
                table: "SmsLinks",
                columns: new[] { "FacilityId", "AnsweredAt" },
                filter: "\"State\" = 'Errored'");

            migrationBuilder.CreateIndex(
                name: "IX_SmsLinks_PatientId",
                table: "SmsLinks",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsLinks_RequestId",
                table: "SmsLinks",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsLinks_TokenId",
                table: "SmsLinks",
                column: "TokenId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_AwaitingToken",
                table: "VisitLinks",
                columns: new[] { "FacilityId", "PatientId" },
                filter: "\"State\" = 'AwaitingToken'");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_FacilityId_CareContextReference",
                table: "VisitLinks",
                columns: new[] { "FacilityId", "CareContextReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_Failed_UpdatedAt",
                table: "VisitLinks",
                columns: new[] { "FacilityId", "UpdatedAt" },
                filter: "\"State\" = 'Failed'");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_Linking_LinkRequestedAt",
                table: "VisitLinks",
                column: "LinkRequestedAt",
                filter: "\"State\" = 'Linking'");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_LinkRequestId",
                table: "VisitLinks",
                column: "LinkRequestId",
                unique: true,
                filter: "\"LinkRequestId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_NotifyProblem_UpdatedAt",
                table: "VisitLinks",
                columns: new[] { "FacilityId", "UpdatedAt" },
                filter: "\"NotifyProblem\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_NotifyRequestId",
                table: "VisitLinks",
                column: "NotifyRequestId",
                unique: true,
                filter: "\"NotifyRequestId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_PatientId",
                table: "VisitLinks",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLinks_TokenId",
                table: "VisitLinks",
                column: "TokenId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkTokens");

            migrationBuilder.DropTable(
                name: "SmsLinks");

            migrationBuilder.DropTable(
                name: "VisitLinks");

            migrationBuilder.DropColumn(
                name: "LinkToken",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "AbhaSmsLink",
                table: "Facilities");
        }
    }
}
