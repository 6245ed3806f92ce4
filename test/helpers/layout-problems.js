// Runs in the page (Chromium), not in Node: what a person would notice on the newsletter pages.
// Returns a list of French sentences, empty when every message and control is visible and free.
// Kept as plain JavaScript read by test/newsletters/lettre-pages.browser.test.ts (no DOM types in Node's tsconfig).
(() => {
    const problems = [];
    const name = (el) => (el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, ".")}` : ""} « ${(el.textContent || el.value || el.name || "").trim().slice(0, 40)} »` : "rien");
    const seen = [...document.querySelectorAll("main .intro, main .message, main legend, main h2, main form > p, main label, main input:not([type=hidden]), main button, main a")];
    for (const el of seen) {
      el.scrollIntoView({ block: "center" });
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) {
        problems.push(`${name(el)} n'est pas visible`);
        continue;
      }
      const inline = el.tagName === "A" || el.tagName === "LABEL";
      const points = inline ? [[r.left + r.width / 2, r.top + r.height / 2]] : [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2]];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        const ok = hit !== null && (hit === el || el.contains(hit) || (hit.tagName === "LABEL" && hit.contains(el)));
        if (!ok) problems.push(`${name(el)} est couvert par ${name(hit)}`);
      }
    }
    const controls = [...document.querySelectorAll("main input:not([type=hidden]), main button, main a")].map((el) => {
      const r = el.getBoundingClientRect();
      return { el, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX };
    });
    for (let i = 0; i < controls.length; i++)
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i], controls[j]];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`${name(a.el)} chevauche ${name(b.el)}`);
      }
    if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`la page est plus large que l'écran (${document.documentElement.scrollWidth} px)`);
    return [...new Set(problems)];
})()
