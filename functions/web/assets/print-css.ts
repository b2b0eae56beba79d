/**
 * The printable dossier's own stylesheet, served as /static/print.css next to app.css (which holds
 * the styles of the document's blocks, shared with the dossier page): a document layout on
 * screen, and on paper A4 pages without the site's header and links, tables that repeat their
 * header row on every page, and headings kept with what follows them.
 */
export const PRINT_CSS = String.raw`.dossier-document { max-width: 48rem; }
.dossier-document .generated { color: #454f5b; margin-top: 0; }
.dossier-document section { margin: 1.5rem 0; }
.dossier-document h2 { border-top: 2px solid #1f4e79; padding-top: 0.5rem; color: #1f4e79; }
.dossier-document table { font-size: 0.9rem; margin: 0.5rem 0 1rem; }
.dossier-document th, .dossier-document td { border: 1px solid #8c959f; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
.dossier-document thead th { background: #e8eef4; }
.print-actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { background: #fff; color: #000; font-size: 10.5pt; }
  .top, .skip, .no-print { display: none !important; }
  main { padding: 0; max-width: none; }
  .dossier-document { max-width: none; }
  .dossier-document h2, .dossier-document h3, .dossier-document h4, .dossier-document .label { break-after: avoid; page-break-after: avoid; }
  .dossier-document tr, .dossier-document dl.fields { break-inside: avoid; page-break-inside: avoid; }
  .dossier-document thead { display: table-header-group; }
  .dossier-document th, .dossier-document td { border-color: #000; }
  .dossier-document thead th { background: none; }
  a { color: #000; text-decoration: none; }
}
`;
