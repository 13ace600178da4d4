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
 * reviews, audit) is version 2; leases on running pre-review cases (multi-node recovery) are 3.
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
  {
    version: 2,
    name: "prereview_cases_files_reviews_audit",
    statements: [
      `create table prereview_cases (
        id uuid primary key,
        -- sha256 (hex) of the applicant's random case secret; the secret itself is never stored
        secret_hash text not null,
        status text not null check (status in ('queued', 'running', 'done', 'failed', 'deleted')),
        bundle_id text,
        matter_id text,
        -- the request as submitted (scenario answers, application form); cleared on delete and at retention
        scenario jsonb not null default '{}'::jsonb,
        form jsonb not null default '{}'::jsonb,
        -- the pipeline's PrereviewReport once done; redacted at retention, removed on delete
        report jsonb,
        -- plain Chinese for the applicant when status = 'failed'
        failure_reason text,
        -- how many times a job started on this case (restart recovery gives up after a few)
        attempts integer not null default 0,
        -- the clerk's decision on the case as a whole (per-finding decisions are in prereview_reviews)
        review_outcome text check (review_outcome in ('accepted', 'returned_for_correction', 'rejected')),
        review_comment text,
        reviewed_by text,
        reviewed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        -- when the uploaded files were deleted (retention sweep or case deletion)
        files_purged_at timestamptz
      )`,
      "create index prereview_cases_created_at on prereview_cases (created_at desc, id desc)",
      "create index prereview_cases_status_created_at on prereview_cases (status, created_at)",
      `create index prereview_cases_retention on prereview_cases (created_at)
        where files_purged_at is null and status <> 'deleted'`,
      `create table prereview_files (
        case_id uuid not null references prereview_cases (id) on delete cascade,
        -- stable within the case: f1, f2, ... in upload order
        file_id text not null,
        position integer not null,
        original_name text not null,
        declared_material_id text,
        -- detected by magic bytes (pdf, jpeg, png, webp, tiff)
        kind text,
        claimed_mime_type text,
        size_bytes bigint not null,
        sha256 text not null,
        -- where the bytes are in the case file store
        storage_key text not null,
        created_at timestamptz not null default now(),
        primary key (case_id, file_id)
      )`,
      `create table prereview_reviews (
        id uuid primary key,
        case_id uuid not null references prereview_cases (id) on delete cascade,
        finding_id text not null,
        decision text not null check (decision in ('accept', 'override')),
        comment text,
        -- the clerk, as an actor label (clerk:<label>), never a person's name from a document
        reviewer text not null,
        position bigint generated always as identity,
        created_at timestamptz not null default now()
      )`,
      "create index prereview_reviews_case_id on prereview_reviews (case_id, position)",
      `create table audit_events (
        id uuid primary key,
        -- no foreign key: the trail outlives whatever it describes
        case_id uuid,
        -- clerk:<label>, applicant, system
        actor text not null,
        action text not null,
        -- ids, counts, codes; never personal data
        detail jsonb not null default '{}'::jsonb,
        position bigint generated always as identity,
        created_at timestamptz not null default now()
      )`,
      "create index audit_events_case_id on audit_events (case_id, position)",
      "create index audit_events_created_at on audit_events (created_at)",
    ],
  },
  {
    version: 3,
    name: "prereview_case_leases",
    statements: [
      // Until when the worker running a case holds it; renewed by its heartbeat. Recovery takes
      // back only running cases whose lease ran out (their worker died), so API nodes restarting
      // one by one never take a case another live node is running.
      "alter table prereview_cases add column lease_until timestamptz",
    ],
  },
  {
    version: 4,
    name: "sealed_personal_data",
    statements: [
      // The report, form, file names and comments are sealed with the case's data key (a JSON string
      // holding ciphertext); what the clerk's list needs is kept beside them, free of personal data.
      "alter table prereview_cases add column verdict text",
      "alter table prereview_cases add column finding_counts jsonb",
      `update prereview_cases set verdict = report->>'verdict',
         finding_counts = jsonb_build_object(
           'error', (select count(*) from jsonb_array_elements(report->'findings') f where f->>'severity' = 'error'),
           'warning', (select count(*) from jsonb_array_elements(report->'findings') f where f->>'severity' = 'warning'),
           'info', (select count(*) from jsonb_array_elements(report->'findings') f where f->>'severity' = 'info'))
       where jsonb_typeof(report) = 'object' and jsonb_typeof(report->'findings') = 'array'`,
    ],
  },
  {
    version: 5,
    name: "prereview_finding_rules",
    statements: [
      // Which rule raised each finding, on which material ([{id, ruleId, severity, materialId}]): catalog
      // ids only, kept in the clear beside the sealed report so analytics can count findings by rule and
      // join clerks' overrides to them. Cases reviewed before this version have none (their reports are sealed).
      "alter table prereview_cases add column finding_rules jsonb",
    ],
  },
  {
    version: 6,
    name: "knowledge_versions",
    statements: [
      // Each knowledge base version the service swapped in: its content hash, when and by whom.
      `create table knowledge_versions (
        position bigint generated always as identity primary key,
        hash text not null,
        version text not null,
        -- admin, system:start, …
        actor text not null,
        -- counts of bundles, matters, policies and FAQ items
        summary jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now()
      )`,
    ],
  },
  {
    version: 7,
    name: "prefill_confirmations",
    statements: [
      // The clerk confirming or editing a prefilled form value: the field, the value before and after
      // (sealed with the case's key, cleared on delete and at retention), where the prefilled value came
      // from (codes and ids only) and who, when. The audit event beside it carries no value.
      `create table prefill_confirmations (
        id uuid primary key,
        case_id uuid not null references prereview_cases (id) on delete cascade,
        field text not null,
        decision text not null check (decision in ('confirm', 'edit')),
        previous_value text,
        value text,
        source jsonb,
        clerk text not null,
        position bigint generated always as identity,
        created_at timestamptz not null default now()
      )`,
      "create index prefill_confirmations_case_id on prefill_confirmations (case_id, position)",
    ],
  },
];
