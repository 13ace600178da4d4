// The parts of a chat reply the widget shows (see ChatReplySchema in src/http/chat-router.ts).

export interface Citation {
  id: string;
  documentId: string;
  title: string;
  sectionPath: string[];
  quote: string;
}

export interface CitedText {
  text: string;
  citation: Citation;
}

export interface Condition {
  scenarioId: string;
  question: string;
  when: string[];
}

export interface Checklist {
  bundleId: string;
  bundleName: string;
  complete: boolean;
  answers: { question: string; label: string }[];
  matters: { id: string; name: string; department: string; conditional?: Condition; fee?: CitedText }[];
  materials: {
    id: string;
    name: string;
    copies?: number;
    deferrable: boolean;
    exempt?: unknown;
    note?: string;
    conditional?: Condition;
  }[];
  timeLimit?: CitedText;
  channels: CitedText[];
  notes: CitedText[];
}

export interface ChatReply {
  sessionId: string;
  messageId: string;
  answer: { text: string; citations: Citation[] };
  clarify?: { question: string; options: { id: string; kind: string; label: string }[] };
  scenario?: { question: string; help?: string; options: { value: string; label: string }[] };
  checklist?: Checklist;
  handoff?: { channel: string; text: string };
}
