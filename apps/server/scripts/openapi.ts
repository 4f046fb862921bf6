import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { OPENAPI_JSON, renderOpenApi } from './openapi-document.ts';

// Writes the committed OpenAPI document; a test fails when it drifts from the routes.
mkdirSync(dirname(OPENAPI_JSON), { recursive: true });
writeFileSync(OPENAPI_JSON, await renderOpenApi());
console.log(`wrote ${OPENAPI_JSON}`);
