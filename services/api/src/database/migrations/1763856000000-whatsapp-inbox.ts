import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class WhatsAppInbox1763856000000 implements MigrationInterface {
  name = 'WhatsAppInbox1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE whatsapp_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        waba_id text NOT NULL,
        phone_number_id text NOT NULL,
        display_phone_number text NOT NULL,
        verified_name text,
        quality_rating text,
        throughput_level text NOT NULL DEFAULT 'STANDARD',
        messaging_limit_tier text,
        status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'disconnected')),
        token_status text NOT NULL DEFAULT 'valid' CHECK (token_status IN ('valid', 'invalid')),
        access_token_encrypted text NOT NULL,
        pin_encrypted text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // A number is connected to one tenant at a time; a disconnected row does not block reconnecting it.
    await q.query(
      `CREATE UNIQUE INDEX whatsapp_accounts_connected_number_uq ON whatsapp_accounts (phone_number_id) WHERE status = 'connected'`,
    );
    await q.query(`CREATE INDEX whatsapp_accounts_tenant_idx ON whatsapp_accounts (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX whatsapp_accounts_waba_idx ON whatsapp_accounts (waba_id)`);

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        wa_id text NOT NULL CHECK (wa_id ~ '^[0-9]{6,20}$'),
        profile_name text,
        name text,
        tags text[] NOT NULL DEFAULT '{}',
        attributes jsonb NOT NULL DEFAULT '{}',
        opted_out boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, wa_id)
      )`);
    await q.query(`CREATE INDEX contacts_tenant_page_idx ON contacts (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX contacts_tags_idx ON contacts USING gin (tags)`);

    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        whatsapp_account_id uuid NOT NULL REFERENCES whatsapp_accounts (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved')),
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        last_message_at timestamptz(3) NOT NULL DEFAULT now(),
        last_message_preview text,
        last_inbound_at timestamptz(3),
        unread_count integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (contact_id, whatsapp_account_id)
      )`);
    await q.query(`CREATE INDEX conversations_inbox_idx ON conversations (tenant_id, last_message_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        type text NOT NULL,
        content jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
        wamid text UNIQUE,
        error jsonb,
        reply_to_wamid text,
        reactions jsonb NOT NULL DEFAULT '{}',
        sender_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        sent_at timestamptz(3),
        delivered_at timestamptz(3),
        read_at timestamptz(3),
        failed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX messages_thread_idx ON messages (conversation_id, created_at DESC, id DESC)`);

    // Private notes: visible to the team only, never sent to WhatsApp.
    await q.query(`
      CREATE TABLE conversation_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        body text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX conversation_notes_thread_idx ON conversation_notes (conversation_id, created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE message_status_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wamid text NOT NULL,
        status text NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        error jsonb,
        phone_number_id text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (wamid, status)
      )`);

    await q.query(`
      CREATE TABLE templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        waba_id text NOT NULL,
        meta_template_id text NOT NULL,
        name text NOT NULL,
        language text NOT NULL,
        category text,
        status text NOT NULL,
        rejected_reason text,
        components jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, meta_template_id)
      )`);
    await q.query(`CREATE INDEX templates_meta_id_idx ON templates (meta_template_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'templates',
      'message_status_events',
      'conversation_notes',
      'messages',
      'conversations',
      'contacts',
      'whatsapp_accounts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
