/**
 * The pages' stylesheet, served as /static/app.css. Phone first (a 375-pixel screen is the
 * common case: people open these links from a mail), system fonts, colours with at least 4.5:1
 * contrast, a visible focus ring and touch targets of 44 pixels (WCAG 2.2 AA).
 */
export const APP_CSS = String.raw`*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  color: #1a1a1a;
  background: #f4f6f8;
}
a { color: #1f4e79; text-underline-offset: 0.15em; }
a:hover { color: #0b2e4f; }
:focus-visible { outline: 3px solid #c05600; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 0.5rem 1rem; z-index: 10; }
.skip:focus { left: 0.5rem; top: 0.5rem; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.top { background: #1f4e79; color: #fff; }
.top-inner {
  max-width: 60rem; margin: 0 auto; padding: 0.75rem 1rem;
  display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between;
}
.brand { color: #fff; font-weight: 700; text-decoration: none; font-size: 1.1rem; }
a.brand:hover { color: #fff; text-decoration: underline; }
.top .user { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; font-size: 0.95rem; }
.top .user form { margin: 0; }
.top .user button { background: transparent; border: 2px solid #fff; color: #fff; min-height: 2.25rem; padding: 0.2rem 0.8rem; }
main { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
.narrow { max-width: 42rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
.meta { color: #454f5b; margin: 0 0 0.25rem; }
.deadline { font-weight: 600; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.intro { font-size: 1.05rem; }
.card > h2:first-child, .card > fieldset:first-child > legend { margin-top: 0; }
.prose { white-space: pre-line; margin: 0 0 0.75rem; overflow-wrap: anywhere; }
blockquote { margin: 0 0 0.75rem; padding: 0.25rem 0 0.25rem 1rem; border-left: 3px solid #b5c4d6; }
blockquote .prose { margin: 0; }
.details { margin: 0; }
.details dt { font-weight: 600; margin-top: 0.5rem; }
.details dd { margin: 0 0 0.25rem; white-space: pre-line; overflow-wrap: anywhere; }
.goal { border-left: 4px solid #1f4e79; padding-left: 0.75rem; margin: 0.75rem 0; }
form { margin: 0; }
.field { margin: 0 0 1.25rem; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
label, legend { display: block; font-weight: 600; margin-bottom: 0.25rem; }
legend { padding: 0; }
.optional { font-weight: 400; color: #454f5b; }
.hint { color: #454f5b; margin: 0 0 0.35rem; font-size: 0.95rem; }
input[type=text], input[type=date], input[type=number], input[type=email], input[type=search], select, textarea {
  display: block; width: 100%; font: inherit; color: inherit; background: #fff;
  border: 2px solid #5a6570; border-radius: 4px; padding: 0.55rem 0.6rem; min-height: 2.75rem;
}
input.short, select.short { max-width: 12rem; }
textarea { resize: vertical; }
.has-error > input, .has-error > textarea, .has-error > select { border-color: #b3261e; }
.has-error { border-left: 4px solid #b3261e; padding-left: 0.75rem; }
.error { color: #b3261e; font-weight: 600; margin: 0 0 0.35rem; }
.choice { display: flex; align-items: center; gap: 0.6rem; min-height: 2.75rem; }
.choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: #1f4e79; }
.choice label { font-weight: 400; margin: 0; }
.radios.inline .choices { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
.list { margin: 0 0 1.5rem; }
.list > legend { font-size: 1.15rem; }
.list .row { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem 0.25rem; margin: 0 0 1rem; }
.list.nested .row { background: #f8fafc; border-style: dashed; padding: 0.5rem 0.75rem 0; margin-bottom: 0.5rem; }
.list .row > legend { float: left; width: 100%; margin-bottom: 0.5rem; font-size: 1.05rem; }
.list .row > legend + * { clear: both; }
.list.nested > legend { font-size: 1rem; }
.list.nested .row > legend { font-size: 0.95rem; color: #454f5b; }
button, .button {
  display: inline-flex; align-items: center; justify-content: center; font: inherit; font-weight: 600;
  min-height: 2.75rem; padding: 0.5rem 1.25rem; border-radius: 4px; cursor: pointer;
  background: #1f4e79; color: #fff; border: 2px solid #1f4e79; text-decoration: none;
}
button:hover, .button:hover { background: #0b2e4f; border-color: #0b2e4f; color: #fff; }
button.secondary, .button.secondary { background: #fff; color: #1f4e79; }
button.secondary:hover, .button.secondary:hover { background: #e8eef5; color: #0b2e4f; }
button.danger { background: #b3261e; border-color: #b3261e; }
button.danger:hover { background: #7f1b15; border-color: #7f1b15; }
button.link { background: none; border: 0; color: #1f4e79; text-decoration: underline; padding: 0.25rem 0; min-height: 2.75rem; font-weight: 400; }
button.link:hover { color: #0b2e4f; background: none; }
/* A form on its way (app.js): its buttons wait for the answer. */
button:disabled, button:disabled:hover { opacity: 0.6; cursor: progress; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1.5rem 0 0.5rem; }
.error-summary { border: 4px solid #b3261e; background: #fff; padding: 0.75rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0; }
.error-summary a { color: #b3261e; font-weight: 600; }
.notice { border-left: 6px solid #1f4e79; background: #fff; padding: 1rem; margin: 1rem 0; }
.notice.success { border-color: #1e6b34; }
.notice.warning { border-color: #b3261e; }
.notice h1, .notice h2 { margin-top: 0; }
.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; background: #e8eef5; color: #1a1a1a; border: 1px solid #5a6570; }
.badge.attention { background: #fdecea; color: #7f1b15; border-color: #b3261e; }
.badge.overdue { background: #fff4e5; color: #6b3a00; border-color: #a85b00; }
.coming .overdue strong { color: #b3261e; }
.badge.paused { background: #eef2ff; color: #1e2a6b; border-color: #3b4a9c; }
.badge.cancelled { background: #f4f6f8; color: #3d4650; border-color: #5a6570; }
.badge.completeness.pass { background: #e6f4ea; color: #14532d; border-color: #1e6b34; }
.badge.completeness.warning { background: #fff4e5; color: #6b3a00; border-color: #a85b00; }
.badge.completeness.fail { background: #fdecea; color: #7f1b15; border-color: #b3261e; }
.badge.completeness.pending { background: #f4f6f8; color: #454f5b; border-color: #5a6570; }
.criteria { list-style: none; margin: 0; padding: 0; }
.criterion { border-left: 4px solid #5a6570; padding: 0.25rem 0 0.25rem 0.75rem; margin: 0 0 1rem; }
.criterion.pass { border-color: #1e6b34; }
.criterion.warning { border-color: #a85b00; }
.criterion.fail { border-color: #b3261e; }
.criterion h3 { font-size: 1rem; margin: 0 0 0.25rem; }
.criterion p { margin: 0.25rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem; }
.filters .field { margin: 0; min-width: 10rem; }
.filters .choice { min-height: 2.75rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.6rem 0.5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { font-size: 0.9rem; color: #454f5b; }
.cards { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 0.75rem; }
.cards li { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem; }
.cards a { font-weight: 600; font-size: 1.05rem; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid #d0d7de; }
.timeline li { position: relative; margin: 0 0 1rem; padding-left: 0.75rem; }
.timeline li::before { content: ""; position: absolute; left: -1.55rem; top: 0.4rem; width: 0.9rem; height: 0.9rem; border-radius: 50%; background: #1f4e79; border: 2px solid #fff; }
.timeline time { display: block; font-size: 0.9rem; color: #454f5b; }
.grid { display: grid; gap: 1rem; }
@media (max-width: 40rem) {
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid #d0d7de; border-radius: 6px; margin: 0 0 0.75rem; padding: 0.25rem 0.75rem; }
  table.stack td { border: 0; padding: 0.25rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #454f5b; }
  table.stack td:first-child::before { content: none; }
  table.stack { background: transparent; }
  table.stack tr { background: #fff; }
}
@media (min-width: 48rem) {
  main { padding: 1.5rem 2rem; }
  h1 { font-size: 2rem; }
  .grid.two { grid-template-columns: 1fr 1fr; }
}
/* The totals above the dashboard's list (functions/web/dashboard-totals.ts). */
.totals dl.figures { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; padding: 0; }
.totals dl.figures > div { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.35rem 0.75rem; min-width: 7rem; }
.totals dt { font-size: 0.85rem; color: #454f5b; }
.totals dd { margin: 0; font-size: 1.25rem; font-weight: 700; }
.export-links, .task-links { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.mail-preview { border-left: 4px solid #5a6570; padding: 0.25rem 0 0.25rem 1rem; margin: 0 0 1rem; }
.my-tasks { list-style: none; margin: 0; padding: 0; }
.my-tasks li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; padding: 0.5rem 0; border-top: 1px solid #d0d7de; }
.my-tasks li:first-child { border-top: 0; }
/* The dossier document's blocks, on the dossier page and the printable page (dossier-blocks.ts). */
.dossier-document h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
.dossier-document h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; color: #454f5b; }
.dossier-document .label { font-weight: 600; margin: 0.5rem 0 0; }
.dossier-document .text { white-space: pre-line; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
.dossier-document dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.25rem 0 0.75rem; }
.dossier-document dl.fields dt { font-weight: 600; }
.dossier-document dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.toc ol { margin: 0; padding-left: 1.5rem; columns: 2 14rem; }
.toc li { margin: 0 0 0.25rem; }
.timeline-filter { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; }
.timeline-filter a { display: inline-block; min-height: 1.5rem; }
.stepper .steps { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; padding: 0; margin: 0 0 0.75rem; }
.stepper .step { padding: 0.15rem 0.6rem; border: 1px solid #5a6570; border-radius: 999px; font-size: 0.9rem; }
.stepper .step.done { background: #e8eef5; }
.stepper .step.current { background: #1f4e79; color: #ffffff; font-weight: 700; border-color: #1f4e79; }
.stepper .step.upcoming { border-style: dashed; color: #454f5b; }
.stepper .coming { margin: 0; padding-left: 1.25rem; }
@media (max-width: 40rem) {
  .dossier-document dl.fields { grid-template-columns: 1fr; }
  .dossier-document dl.fields dd { margin-bottom: 0.35rem; }
}
`;
