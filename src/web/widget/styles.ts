// The widget's whole stylesheet, inside its shadow root: nothing leaks in or out. Colours meet WCAG
// AA (4.5:1 for text): #9f1d20 on white 7.3:1, #4a4a4a on white 8.9:1, #0a4fa8 on white 7.6:1.
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { --red: #9f1d20; --ink: #1a1a1a; --muted: #4a4a4a; --link: #0a4fa8; --line: #c9c9c9; --bg: #ffffff;
  --soft: #f5f1ea; --bot: #f4f6f9; --focus: #b35900; --base: 16px;
  font: var(--base)/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--ink); }
.root.large { --base: 21px; }
.root.contrast { --red: #ffd400; --ink: #ffffff; --muted: #ffffff; --link: #8fd3ff; --line: #ffffff; --bg: #000000;
  --soft: #000000; --bot: #000000; --focus: #00e0ff; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button, textarea, a { font: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  padding: 12px 20px; border: 2px solid #fff; border-radius: 999px; background: #9f1d20; color: #fff; font-weight: 700;
  font-size: calc(var(--base) * 1.05); box-shadow: 0 4px 14px rgba(0,0,0,.3); cursor: pointer; min-height: 48px; }
.launcher:hover { background: #7e1619; }
.panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: min(420px, calc(100vw - 40px));
  height: min(680px, calc(100vh - 40px)); display: flex; flex-direction: column; background: var(--bg); color: var(--ink);
  border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 10px 40px rgba(0,0,0,.3); overflow: hidden; }
.root.large .panel { width: min(560px, calc(100vw - 40px)); }
.panel[hidden] { display: none; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 10px 12px; background: var(--red); color: #fff; }
.root.contrast header { color: #000; }
header h2 { margin: 0 auto 0 0; font-size: calc(var(--base) * 1.15); }
.tool { min-height: 36px; min-width: 36px; padding: 4px 10px; border: 1px solid currentColor; border-radius: 6px;
  background: transparent; color: inherit; cursor: pointer; }
.tool[aria-pressed="true"] { background: #fff; color: #9f1d20; }
.root.contrast .tool[aria-pressed="true"] { background: #000; color: #ffd400; }
header :focus-visible { outline-color: #fff; }
.root.contrast header :focus-visible { outline-color: #000; }
.handoff { margin: 0; padding: 8px 12px; background: var(--soft); border-bottom: 1px solid var(--line); font-size: .95em; }
.handoff a { color: var(--link); font-weight: 700; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 12px; }
.msg { max-width: 92%; padding: 10px 12px; border-radius: 10px; }
.msg.user { align-self: flex-end; background: #9f1d20; color: #fff; }
.root.contrast .msg.user { background: #000; color: #fff; border: 2px solid #ffd400; }
.msg.bot { align-self: flex-start; background: var(--bot); border: 1px solid var(--line); width: 92%; }
.msg.error { border-color: #9f1d20; background: #fff0f0; color: #5c0d0f; }
.root.contrast .msg.error { background: #000; color: #fff; }
.text { white-space: pre-wrap; word-break: break-word; margin: 0; }
h3 { font-size: 1em; margin: 10px 0 4px; }
.citations ol, .checklist ol, .checklist ul { margin: 4px 0; padding-left: 1.4em; }
details { margin: 4px 0; }
summary { cursor: pointer; color: var(--link); }
blockquote { margin: 6px 0; padding: 6px 10px; border-left: 4px solid var(--red); background: var(--bg); }
a { color: var(--link); }
.options { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.option, .suggestion, .secondary { min-height: 44px; padding: 8px 14px; border: 2px solid var(--red); border-radius: 8px;
  background: var(--bg); color: var(--ink); cursor: pointer; text-align: left; }
.option:hover, .suggestion:hover { background: var(--soft); }
.suggestions { display: flex; flex-direction: column; gap: 8px; }
.hint { color: var(--muted); font-size: .92em; margin: 6px 0 0; }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; color: var(--muted); font-size: .95em; }
.feedback button { min-height: 36px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg);
  color: var(--ink); cursor: pointer; }
.feedback button[aria-pressed="true"] { border: 2px solid var(--red); font-weight: 700; }
.feedback textarea { width: 100%; min-height: 3em; }
.checklist { margin-top: 10px; padding: 10px; border: 2px solid var(--red); border-radius: 8px; background: var(--bg); }
.checklist h3 { color: var(--red); }
.checklist li { margin: 4px 0; }
.tag { display: inline-block; margin-left: 4px; padding: 0 6px; border: 1px solid var(--muted); border-radius: 4px; font-size: .85em; color: var(--muted); }
.benefits { margin-top: 10px; padding: 10px; border: 1px solid var(--muted); border-radius: 8px; }
.benefits ul { margin: 4px 0; padding-left: 1.2em; }
.benefit { margin: 8px 0; }
.tag.eligible, .tag.automatic { border-color: var(--red); color: var(--red); }
form { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--line); background: var(--bg); }
textarea { flex: 1; resize: none; min-height: 48px; max-height: 8em; padding: 8px 10px; border: 2px solid var(--muted);
  border-radius: 8px; background: var(--bg); color: var(--ink); }
.send { min-width: 72px; min-height: 48px; border: 0; border-radius: 8px; background: #9f1d20; color: #fff; font-weight: 700; cursor: pointer; }
.root.contrast .send { background: #ffd400; color: #000; }
.send:disabled { background: #6b6b6b; color: #fff; cursor: progress; }
.guided-form { margin-top: 8px; }
.guided-question { font-weight: 700; margin: 8px 0 4px; }
.guided-error { color: #8a1013; font-weight: 600; }
.guided-step input, .guided-step select { font: inherit; padding: 4px 6px; border: 1px solid #767676; border-radius: 4px; max-width: 100%; }
.filled-form table { border-collapse: collapse; width: 100%; }
.filled-form th, .filled-form td { text-align: left; border-bottom: 1px solid #c9c9c9; padding: 2px 6px; }
@media (max-width: 480px) {
  .panel, .root.large .panel { right: 0; bottom: 0; width: 100vw; height: 100dvh; max-height: 100vh; border-radius: 0; }
  .launcher { right: 12px; bottom: 12px; }
}
@media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s; } }
@media print { .launcher, .panel { display: none; } }
`;
