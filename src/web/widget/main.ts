/// <reference lib="dom" />
// The embeddable chat widget. One tag on any page:
//   <script src="https://host/widget.js" data-banshi-endpoint="https://host" async></script>
// Optional: data-banshi-user-token (a portal's signed login token), data-banshi-open="true".
// Everything lives in a shadow root; the only global is window.Banshi.
import { createChatWidget, type ChatWidget } from "./chat-widget.js";

declare global {
  interface Window {
    Banshi?: ChatWidget & { version: string };
  }
}

(() => {
  if (window.Banshi) return;
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>("script[data-banshi-endpoint]");
  const fromSource = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const endpoint = (script?.dataset.banshiEndpoint ?? fromSource).replace(/\/+$/, "");
  const start = () => {
    const widget = createChatWidget({ endpoint, userToken: script?.dataset.banshiUserToken });
    window.Banshi = Object.assign(widget, { version: "1" });
    if (script?.dataset.banshiOpen === "true") widget.open();
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
