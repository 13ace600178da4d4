/** One schema change. Never edit or renumber a migration that has shipped; add a new one. */
export interface Migration {
  /** Position in the order, starting at 1, strictly increasing, no gaps. */
  version: number;
  /** Short snake_case name, recorded next to the version to catch renumbering. */
  name: string;
  /**
   * Statements run one by one in the migration transaction, the same on PGlite and PostgreSQL. A list
   * rather than one script because PGlite runs one statement per parameterised query.
   */
  statements: readonly string[];
}

/**
 * The schema, in order. Issue 3 (chat) is version 1; pre-review (issue 4: cases, files, reports,
 * reviews, audit) adds its tables as later versions and may reference `chat_sessions` when a case
 * starts from a conversation.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "chat_sessions_messages_feedback",
    statements: [
      `create table chat_sessions (
        id uuid primary key,
        -- what per-client session limits count by (an IP or a key hash, not personal data)
        client_key text not null,
        user_id text,
        -- the dialogue state, owned and validated by src/agents
        state jsonb not null default '{}'::jsonb,
        -- bumped by every state update, so a writer can detect that another wrote in between
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
      "create index chat_sessions_client_key_created_at on chat_sessions (client_key, created_at)",
      `create table chat_messages (
        id uuid primary key,
        session_id uuid not null references chat_sessions (id) on delete cascade,
        -- insertion order: created_at ties for messages written in one transaction
        position bigint generated always as identity,
        role text not null check (role in ('user', 'assistant')),
        text text not null,
        -- user messages: the text folded for grouping repeated questions (normalizeQuestionText)
        normalized_text text,
        -- assistant messages: the user message this one answers
        reply_to_id uuid references chat_messages (id) on delete set null,
        -- intent, mode, citations, route, clarify, checklist, as the agents produced them
        payload jsonb not null default '{}'::jsonb,
        -- assistant messages: whether the answer was grounded in citations (null for user messages)
        grounded boolean,
        created_at timestamptz not null default now(),
        check ((role = 'assistant') = (grounded is not null))
      )`,
      "create index chat_messages_session_id_position on chat_messages (session_id, position)",
      "create index chat_messages_reply_to_id on chat_messages (reply_to_id)",
      `create table feedback (
        id uuid primary key,
        session_id uuid not null references chat_sessions (id) on delete cascade,
        -- one rating per message: a second rating replaces the first
        message_id uuid not null unique references chat_messages (id) on delete cascade,
        rating text not null check (rating in ('up', 'down')),
        comment text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
      "create index feedback_session_id on feedback (session_id)",
    ],
  },
];
