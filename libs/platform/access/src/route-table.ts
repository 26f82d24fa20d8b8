import 'reflect-metadata';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_RULE, type AccessRule } from './access-rules';

export interface RouteAccess {
  method: string;
  /** With its parameters as Nest writes them (`/offers/:offerId/responses`). */
  path: string;
  controller: string;
  handler: string;
  /** Undefined when the route declares none: the guard refuses it, and the matrix test fails on it. */
  rule?: AccessRule;
}

/**
 * Every HTTP route of a Nest module tree with the access rule it declares, read from the same
 * decorator metadata the router and AccessGuard use: the authorization matrix test walks this, so a
 * new endpoint is in it without anyone listing it.
 */
export function routeTable(rootModule: Type<unknown>, extraControllers: Type<unknown>[] = []): RouteAccess[] {
  const controllers = new Set<Type<unknown>>(extraControllers);
  const seen = new Set<unknown>();
  const visit = (entry: unknown) => {
    const module = (entry as { module?: Type<unknown> })?.module ?? entry;
    if (typeof module !== 'function' || seen.has(entry)) return; // a forwardRef or an async module: none here
    seen.add(entry);
    const dynamic = entry as { controllers?: Type<unknown>[]; imports?: unknown[] };
    for (const controller of [...(Reflect.getMetadata('controllers', module) ?? []), ...(dynamic.controllers ?? [])]) {
      controllers.add(controller);
    }
    for (const imported of [...(Reflect.getMetadata('imports', module) ?? []), ...(dynamic.imports ?? [])]) visit(imported);
  };
  visit(rootModule);

  const routes: RouteAccess[] = [];
  for (const controller of controllers) {
    const classRule = Reflect.getMetadata(ACCESS_RULE, controller) as AccessRule | undefined;
    for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
      const method = controller.prototype[handler];
      if (typeof method !== 'function' || Reflect.getMetadata(METHOD_METADATA, method) === undefined) continue;
      const rule = (Reflect.getMetadata(ACCESS_RULE, method) as AccessRule | undefined) ?? classRule;
      for (const base of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const path of asArray(Reflect.getMetadata(PATH_METADATA, method))) {
          routes.push({
            method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod],
            path: `/${[base, path]
              .map((part) => part.replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/')}`,
            controller: controller.name,
            handler,
            ...(rule ? { rule } : {}),
          });
        }
      }
    }
  }
  return routes;
}

const asArray = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);
