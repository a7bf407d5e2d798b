import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203233211 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "avarda_id_validation_authorization" drop constraint if exists "avarda_id_validation_authorization_authorization_id_unique";`);
    this.addSql(`create table if not exists "avarda_id_validation_authorization" ("id" text not null, "authorization_id" text not null, "checkout_session_id" text not null, "provider_id" text not null, "state" text check ("state" in ('waiting', 'released', 'settled')) not null default 'waiting', "outcome" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "avarda_id_validation_authorization_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_avarda_id_validation_authorization_authorization_id_unique" ON "avarda_id_validation_authorization" ("authorization_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_id_validation_authorization_deleted_at" ON "avarda_id_validation_authorization" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_id_validation_authorization_state_id" ON "avarda_id_validation_authorization" ("state", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_id_validation_authorization_checkout_session_id" ON "avarda_id_validation_authorization" ("checkout_session_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "avarda_id_validation_authorization" cascade;`);
  }

}
