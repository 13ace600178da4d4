/// <reference lib="dom" />
// 简/繁 display: text nodes and input placeholders are converted on the server (POST /api/convert);
// the simplified originals are kept so switching back is instant and needs no request.

const HAN = /[\u4e00-\u9fff]/;

export interface ScriptToggle {
  readonly traditional: boolean;
  /** Switches mode and converts (or restores) every text node under the root. */
  set(traditional: boolean): Promise<void>;
  /** In traditional mode, converts text added since (call after a message is complete). */
  refresh(): Promise<void>;
}

export function createScriptToggle(root: HTMLElement, endpoint: string): ScriptToggle {
  const originals = new Map<Text, string>();
  const placeholders = new Map<Element, string>();
  let traditional = false;

  const convertPending = async () => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      if (originals.has(text) || !HAN.test(text.data) || text.parentElement?.closest("textarea")) continue;
      nodes.push(text);
    }
    const prompts = [...root.querySelectorAll("[placeholder]")].filter(
      (element) => !placeholders.has(element) && HAN.test(element.getAttribute("placeholder") ?? ""),
    );
    if (nodes.length === 0 && prompts.length === 0) return;
    const response = await fetch(`${endpoint}/api/convert`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        to: "traditional",
        texts: [...nodes.map((node) => node.data), ...prompts.map((element) => element.getAttribute("placeholder"))],
      }),
    });
    if (!response.ok) return;
    const { texts } = (await response.json()) as { texts: string[] };
    if (!traditional) return;
    nodes.forEach((node, index) => {
      originals.set(node, node.data);
      node.data = texts[index] ?? node.data;
    });
    prompts.forEach((element, index) => {
      const original = element.getAttribute("placeholder") ?? "";
      placeholders.set(element, original);
      element.setAttribute("placeholder", texts[nodes.length + index] ?? original);
    });
  };

  return {
    get traditional() {
      return traditional;
    },
    async set(value) {
      traditional = value;
      if (value) return convertPending();
      for (const [node, original] of originals) node.data = original;
      for (const [element, original] of placeholders) element.setAttribute("placeholder", original);
      originals.clear();
      placeholders.clear();
    },
    async refresh() {
      if (traditional) await convertPending();
    },
  };
}
