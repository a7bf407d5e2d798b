import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202123018 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "avirato_discarded_payment_settlement" drop constraint if exists "avirato_discarded_payment_settlement_avirato_session_id_unique";`);
    this.addSql(`create table if not exists "avirato_discarded_payment_settlement" ("id" text not null, "avirato_session_id" text not null, "payment_reference" text not null, "checkout_session_id" text null, "action" text check ("action" in ('voided', 'refunded')) not null, "amount" integer not null, "currency_code" text not null, "detected_by" text check ("detected_by" in ('webhook', 'return', 'reconciliation')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "avirato_discarded_payment_settlement_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_avirato_discarded_payment_settlement_avirato_session_id_unique" ON "avirato_discarded_payment_settlement" ("avirato_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avirato_discarded_payment_settlement_deleted_at" ON "avirato_discarded_payment_settlement" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "avirato_discarded_payment_settlement" cascade;`);
  }

}
