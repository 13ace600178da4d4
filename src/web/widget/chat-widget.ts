/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The chat panel: launcher button, toolbar (large text, high contrast, 简/繁, close), handoff line,
// message log (role=log, polite live region), suggested questions, the input form.
import { h } from "../shared/dom.js";
import { readEventStream } from "./read-event-stream.js";
import { renderBenefits } from "./render-benefits.js";
import { renderChecklist, renderCitations, renderOptions } from "./render-reply.js";
import { renderGuidedFormOffer } from "./guided-form.js";
import { icon } from "./icons.js";
import { createScriptToggle } from "./script-toggle.js";
import { WIDGET_CSS } from "./styles.js";
import type { ChatReply } from "./types.js";

export interface ChatWidgetOptions {
  endpoint: string;
  userToken?: string;
}

export interface ChatWidget {
  open(): void;
  close(): void;
  /** Asks a question as if typed. */
  ask(question: string): Promise<void>;
  /** Sets (or clears) the portal's signed login token for the next requests. */
  setUserToken(token: string | undefined): void;
}

/** sessionStorage key: the conversation survives moving between the portal's pages, not closing the tab. */
const STORAGE_KEY = "banshi-widget-conversation";
/** Most turns kept for replay after a page change. */
const MAX_KEPT_TURNS = 20;

interface KeptConversation {
  sessionId?: string;
  open: boolean;
  turns: { question: string; reply?: ChatReply; error?: string }[];
}

function loadConversation(): KeptConversation {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as KeptConversation | null;
    if (parsed && Array.isArray(parsed.turns)) return parsed;
  } catch {
    // Storage blocked or damaged: start afresh.
  }
  return { open: false, turns: [] };
}

function keepConversation(conversation: KeptConversation): void {
  try {
    conversation.turns = conversation.turns.slice(-MAX_KEPT_TURNS);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(conversation));
  } catch {
    // Storage blocked or full: the conversation lives only on this page.
  }
}

const SUGGESTIONS = [
  "新生儿出生要办哪些事",
  "快到退休年龄了要办什么手续",
  "开个饭馆要办哪些证",
  "食品经营许可要什么材料",
];

export function createChatWidget(options: ChatWidgetOptions): ChatWidget {
  const { endpoint } = options;
  let userToken = options.userToken;
  const kept = loadConversation();
  let sessionId: string | undefined = kept.sessionId;
  let busy = false;

  const host = h("div", { id: "banshi-widget" });
  const shadow = host.attachShadow({ mode: "open" });
  const style = h("style");
  style.textContent = WIDGET_CSS;
  const root = h("div", { class: "root" });
  shadow.append(style, root);

  const launcher = h(
    "button",
    { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "banshi-panel" },
    icon("chat"),
    " 办事助手",
  );
  const toolButton = (label: string, name: string) =>
    h("button", { type: "button", class: "tool", "aria-pressed": "false", "data-tool": name }, label);
  const largeButton = toolButton("大字", "large");
  const contrastButton = toolButton("高对比", "contrast");
  const scriptButton = toolButton("繁體", "script");
  scriptButton.setAttribute("lang", "zh-Hant");
  const closeButton = h(
    "button",
    { type: "button", class: "tool", "aria-label": "关闭办事助手", "data-tool": "close" },
    "✕",
  );
  const log = h("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": "对话记录",
    tabindex: "0",
  });
  const input = h("textarea", {
    id: "banshi-input",
    rows: "2",
    maxlength: "1000",
    placeholder: "请输入您要办的事，如：新生儿出生要办哪些事",
  });
  const send = h("button", { type: "submit", class: "send" }, "发送");
  const form = h(
    "form",
    { "aria-label": "提问" },
    h("label", { for: "banshi-input", class: "sr-only" }, "输入您的问题"),
    input,
    send,
  );
  const panel = h(
    "section",
    {
      id: "banshi-panel",
      class: "panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "banshi-title",
      hidden: true,
    },
    h(
      "header",
      {},
      h("h2", { id: "banshi-title" }, "办事助手"),
      h("div", { role: "toolbar", "aria-label": "显示设置" }, largeButton, " ", contrastButton, " ", scriptButton),
      closeButton,
    ),
    h(
      "p",
      { class: "handoff" },
      "答案仅供参考，以窗口受理为准。需要人工帮助？",
      h("a", { href: "tel:12345", "data-handoff": "" }, "转人工 / 拨打 12345 热线"),
    ),
    log,
    form,
  );
  root.append(launcher, panel);
  document.body.append(host);
  const scriptToggle = createScriptToggle(panel, endpoint);

  // Suggested questions at start.
  const suggestions = h("div", { class: "suggestions", role: "group", "aria-label": "常见问题" });
  for (const question of SUGGESTIONS) {
    const button = h("button", { type: "button", class: "suggestion" }, question);
    button.addEventListener("click", () => void ask(question));
    suggestions.append(button);
  }
  log.append(
    h(
      "div",
      { class: "msg bot" },
      h(
        "p",
        { class: "text" },
        "您好！我是办事助手，可以告诉您办一件事要跑哪些事项、带哪些材料。您可以直接提问，或选择：",
      ),
      suggestions,
    ),
  );

  const open = () => {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    kept.open = true;
    keepConversation(kept);
  };
  const close = () => {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
    kept.open = false;
    keepConversation(kept);
  };
  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  const toggle = (button: HTMLButtonElement, apply: (on: boolean) => void) =>
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      apply(on);
    });
  toggle(largeButton, (on) => root.classList.toggle("large", on));
  toggle(contrastButton, (on) => root.classList.toggle("contrast", on));
  toggle(scriptButton, (on) => void scriptToggle.set(on));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void ask(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void ask(input.value);
    }
  });

  const scrollDown = () => {
    log.scrollTop = log.scrollHeight;
  };

  async function ask(raw: string): Promise<void> {
    const message = raw.trim();
    if (!message || busy) return;
    busy = true;
    send.disabled = true;
    input.value = "";
    const { bubble, text } = appendTurn(message);
    const turn: KeptConversation["turns"][number] = { question: message };
    scrollDown();
    try {
      const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream" };
      if (userToken) headers["X-Banshi-User-Token"] = userToken;
      const response = await fetch(`${endpoint}/api/chat`, {
        method: "POST",
        headers,
        body: JSON.stringify({ message, ...(sessionId ? { sessionId } : {}) }),
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        if (response.status === 404) sessionId = undefined;
        throw new Error(body?.error?.message ?? "服务暂时不可用，请稍后再试，或拨打 12345 热线");
      }
      await readEventStream(response.body, ({ event, data }) => {
        if (event === "answer-delta") {
          text.append((JSON.parse(data) as { text: string }).text);
          scrollDown();
        } else if (event === "done") {
          turn.reply = JSON.parse(data) as ChatReply;
          finish(bubble, turn.reply);
        }
      });
    } catch (error) {
      turn.error = error instanceof Error && error.message ? error.message : "出错了，请稍后再试";
      showError(bubble, text, turn.error);
    } finally {
      kept.turns.push(turn);
      kept.sessionId = sessionId;
      keepConversation(kept);
      bubble.setAttribute("aria-busy", "false");
      busy = false;
      send.disabled = false;
      await scriptToggle.refresh().catch(() => undefined);
      scrollDown();
    }
  }

  /** The question's bubble and the (empty) answer bubble after it. */
  function appendTurn(question: string): { bubble: HTMLElement; text: HTMLElement } {
    log.append(
      h("div", { class: "msg user" }, h("span", { class: "sr-only" }, "我："), h("p", { class: "text" }, question)),
    );
    const text = h("p", { class: "text" });
    const bubble = h("article", { class: "msg bot", "aria-busy": "true", "aria-label": "办事助手的回答" }, text);
    log.append(bubble);
    return { bubble, text };
  }

  function showError(bubble: HTMLElement, text: HTMLElement, message: string): void {
    bubble.classList.add("error");
    bubble.setAttribute("role", "alert");
    text.textContent = message;
  }

  /** Shows the turns kept from an earlier page of the portal; their option buttons are spent. */
  function replay(): void {
    for (const turn of kept.turns) {
      const { bubble, text } = appendTurn(turn.question);
      bubble.setAttribute("aria-busy", "false");
      if (turn.reply) {
        text.textContent = turn.reply.answer.text;
        finish(bubble, turn.reply);
      } else showError(bubble, text, turn.error ?? "出错了，请稍后再试");
    }
    const last = log.querySelectorAll(".msg.bot").length - 1;
    log.querySelectorAll(".msg.bot").forEach((bubble, index) => {
      if (index < last)
        for (const button of bubble.querySelectorAll(".options button")) (button as HTMLButtonElement).disabled = true;
    });
    scrollDown();
  }

  /** Adds what comes after the answer text: options, checklist, handoff, citations, feedback. */
  function finish(bubble: HTMLElement, reply: ChatReply): void {
    // A reply the service could not store has no session: the next question starts a new one.
    sessionId = reply.sessionId;
    if (reply.degraded) bubble.append(h("p", { class: "hint", role: "status" }, reply.degraded.notice));
    const choose = (label: string, group: HTMLElement) => {
      for (const button of group.querySelectorAll("button")) button.disabled = true;
      void ask(label).then(() => input.focus());
    };
    if (reply.clarify)
      bubble.append(
        renderOptions(
          reply.clarify.question,
          undefined,
          reply.clarify.options.map((option) => option.label),
          choose,
        ),
      );
    if (reply.scenario)
      bubble.append(
        renderOptions(
          reply.scenario.question,
          reply.scenario.help,
          reply.scenario.options.map((option) => option.label),
          choose,
        ),
      );
    if (reply.checklist) {
      bubble.append(renderChecklist(reply.checklist));
      if (reply.sessionId)
        bubble.append(
          renderGuidedFormOffer({
            endpoint,
            bundleId: reply.checklist.bundleId,
            sessionId: reply.sessionId,
            userToken,
          }),
        );
    }
    if (reply.benefits) bubble.append(renderBenefits(endpoint, reply.benefits, choose));
    if (reply.handoff)
      bubble.append(h("p", { class: "hint" }, reply.handoff.text, " ", h("a", { href: "tel:12345" }, "拨打 12345")));
    if (reply.answer.citations.length > 0) bubble.append(renderCitations(endpoint, reply.answer.citations));
    // Feedback names a stored answer; an answer given while storage was away has none.
    if (reply.messageId) bubble.append(renderFeedback(reply));
  }

  function renderFeedback(reply: ChatReply): HTMLElement {
    const up = h("button", { type: "button", "aria-pressed": "false" }, icon("thumbUp"), " 有帮助");
    const down = h("button", { type: "button", "aria-pressed": "false" }, icon("thumbDown"), " 没帮助");
    const status = h("span", { role: "status" });
    const box = h(
      "div",
      { class: "feedback", role: "group", "aria-label": "评价这个回答" },
      "这个回答：",
      up,
      down,
      status,
    );
    let comment: HTMLElement | undefined;
    const post = async (rating: "up" | "down", text?: string) => {
      const response = await fetch(`${endpoint}/api/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          sessionId: reply.sessionId,
          messageId: reply.messageId,
          rating,
          ...(text ? { comment: text } : {}),
        }),
      });
      status.textContent = response.ok ? "感谢您的评价" : "评价未能提交，请稍后再试";
    };
    const rate = (rating: "up" | "down") => {
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
      void post(rating);
      if (comment) return;
      const id = `banshi-comment-${reply.messageId}`;
      const area = h("textarea", { id, rows: "2", maxlength: "500" });
      const submit = h("button", { type: "button" }, "提交意见");
      comment = h("div", { style: "width:100%" }, h("label", { for: id }, "补充意见（可不填）："), area, submit);
      submit.addEventListener("click", () => {
        const current = up.getAttribute("aria-pressed") === "true" ? "up" : "down";
        void post(current, area.value.trim() || undefined);
      });
      box.append(comment);
    };
    up.addEventListener("click", () => rate("up"));
    down.addEventListener("click", () => rate("down"));
    return box;
  }

  if (kept.turns.length > 0) replay();
  if (kept.open) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
  }

  return {
    open,
    close,
    ask,
    setUserToken(token) {
      userToken = token;
    },
  };
}
