import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202090054 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "avarda_identity_link" ("id" text not null, "customer_id" text not null, "purchase_id" text not null, "method" text check ("method" in ('electronic_id', 'strong_authentication')) not null, "status" text check ("status" in ('pending', 'linked')) not null, "proven_at" timestamptz null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "avarda_identity_link_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_identity_link_customer_id" ON "avarda_identity_link" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_identity_link_expires_at" ON "avarda_identity_link" ("expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_avarda_identity_link_deleted_at" ON "avarda_identity_link" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "avarda_identity_link" cascade;`);
  }

}
