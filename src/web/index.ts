// The browser side of Banshi: the embeddable chat widget (widget/), the clerk console (console/),
// the demo portal page (demo/), and the server helpers that serve them (bundling, 简→繁, guide pages).
export * from "./bundle-script.js";
export * from "./convert-chinese.js";
export * from "./render-guide-page.js";
