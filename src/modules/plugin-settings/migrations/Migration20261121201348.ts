import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261121201348 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "avarda_avirato_setting" drop constraint if exists "avarda_avirato_setting_scope_unique";`);
    this.addSql(`create table if not exists "avarda_avirato_setting" ("id" text not null, "scope" text not null, "values" jsonb not null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "avarda_avirato_setting_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_avarda_avirato_setting_scope_unique" ON "avarda_avirato_setting" ("scope") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_avirato_setting_deleted_at" ON "avarda_avirato_setting" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "avarda_avirato_setting" cascade;`);
  }

}
