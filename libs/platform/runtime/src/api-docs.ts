import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyDecorators, Controller, Get, Injectable, Param, Res, type INestApplication } from '@nestjs/common';
import { ApiBody, ApiExcludeController, ApiQuery, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { Allow, ROLE_GROUPS } from '@haki/platform-access';
import { escapeHtml, type PageResponse } from './html-page';

// Each service's OpenAPI document at /docs (Swagger UI) and /docs/openapi.json. Paths come from the
// controllers (@nestjs/swagger scans them); request bodies from the very zod schemas that validate
// them (`ZodBody`), so the docs cannot drift from what is accepted; who may call each route from its
// access rule (`x-haki-access`). Like every route, the docs are for signed-in staff only.

/** The request body's schema as OpenAPI, generated from the zod schema that validates it (its input side, before transforms). */
export const openApiSchemaOf = (schema: z.ZodType): SchemaObject =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as SchemaObject;

/** Documents a route's body with the zod schema its handler validates with. */
export const ZodBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ schema: openApiSchemaOf(schema), ...(description ? { description } : {}) });

/** Documents a route's query parameters with the zod object schema its handler validates them with. */
export function ZodQuery(schema: z.ZodType) {
  const { properties = {}, required = [] } = openApiSchemaOf(schema);
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: required.includes(name), schema: property as SchemaObject }),
    ),
  );
}

/** The document, built once the application's routes are known (bootstrapService, the gateway's main). */
@Injectable()
export class ApiDocument {
  document: OpenAPIObject | undefined;

  build(app: INestApplication, name: string, description: string): void {
    const config = new DocumentBuilder()
      .setTitle(`Haki ${name}`)
      .setDescription(
        `${description} Errors: \`{ error: { code, message, retryable, fields? } }\`, codes in libs/contracts/src/error-catalogue.ts. ` +
          '`x-haki-access` names who may call each route.',
      )
      .build();
    this.document = SwaggerModule.createDocument(app, config);
  }

  /** The document, or 404 in a process that built none (a test context). */
  get(): OpenAPIObject {
    if (!this.document) throw new HakiError('DOCS.NOT_FOUND', 'this process serves no API document (it was not started as a service)');
    return this.document;
  }
}

/** Swagger UI's files, from the swagger-ui-dist package (a dependency, so nothing is fetched from elsewhere). */
const uiFile = (name: string) => readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), name));
/** Swagger UI's own files, and the line that starts it (a file, not inline: the gateway's CSP allows no inline script). */
const UI_FILES: Record<string, { type: string; body: () => Buffer | string }> = {
  'swagger-ui.css': { type: 'text/css', body: () => uiFile('swagger-ui.css') },
  'swagger-ui-bundle.js': { type: 'application/javascript', body: () => uiFile('swagger-ui-bundle.js') },
  'start.js': {
    type: 'application/javascript',
    body: () => "window.ui = SwaggerUIBundle({ url: 'docs/openapi.json', dom_id: '#docs' });\n",
  },
};

/** The Swagger UI page; relative links, so it works both at a service's /docs and at the gateway's /api/<service>/docs. */
export function docsPage(document: OpenAPIObject | undefined): string {
  const title = escapeHtml(document?.info.title ?? 'Haki API');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    '<link rel="stylesheet" href="docs/assets/swagger-ui.css"></head><body><div id="docs"></div>' +
    '<script src="docs/assets/swagger-ui-bundle.js"></script><script src="docs/assets/start.js"></script></body></html>'
  );
}

/** Sends one of Swagger UI's files; only those listed, so no path reaches anything else. */
export function sendDocsAsset(file: string, response: PageResponse & { setHeader(name: string, value: string): void }): void {
  const found = Object.hasOwn(UI_FILES, file) ? UI_FILES[file] : undefined;
  if (!found) throw new HakiError('DOCS.NOT_FOUND', `no file ${file} here`);
  response.setHeader('cache-control', 'private, max-age=3600');
  response
    .status(200)
    .type(found.type)
    .send(found.body() as string);
}

@ApiExcludeController()
@Controller('docs')
@Allow(...ROLE_GROUPS.staff)
export class ApiDocsController {
  constructor(private readonly api: ApiDocument) {}

  @Get()
  page(@Res() response: PageResponse): void {
    response.status(200).type('html').send(docsPage(this.api.document));
  }

  @Get('openapi.json')
  json(): OpenAPIObject {
    return this.api.get();
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: PageResponse & { setHeader(name: string, value: string): void }): void {
    sendDocsAsset(file, response);
  }
}
