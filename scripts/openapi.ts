/**
 * `npm run openapi`: writes docs/openapi.json from the route table and the schemas
 * (scripts/openapi-description.ts), formatted as Prettier formats it, so the file changes only when the
 * API does. test/unit/api/openapi.test.ts fails while the file is not what this would write.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { openApiDocument } from './openapi-description.ts';

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The text of docs/openapi.json as it should be. */
export async function openApiText(): Promise<string> {
  const options = (await prettier.resolveConfig(OPENAPI_FILE)) ?? {};
  return prettier.format(JSON.stringify(openApiDocument()), { ...options, filepath: OPENAPI_FILE });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(OPENAPI_FILE, await openApiText());
}
