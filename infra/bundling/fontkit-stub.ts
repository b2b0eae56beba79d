/**
 * Stands in for fontkit in the bundle of a function that renders PDFs (see `bundlingFor` in
 * infra/constructs/fn.ts). pdfkit needs fontkit only to embed font files; the dossier uses the
 * PDF standard fonts alone, and fontkit with its decompressor is three quarters of a megabyte.
 * Should anyone embed a font after all, this says so instead of failing somewhere deep inside.
 */
export function create(): never {
  throw new Error(
    'Embedding font files is not bundled: use a PDF standard font (see infra/constructs/fn.ts)',
  );
}
