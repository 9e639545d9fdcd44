import type { Express } from 'express';

/**
 * Every route the app declares, walked from express 5's router stacks (nested routers
 * included, each prefixed by its mount path). The route-walk, authorization-matrix and fuzz
 * tests all start from this list, so a route added anywhere is seen by all three.
 */
export interface DeclaredRoute {
  method: string;
  /** The declared path, e.g. `/api/services/:id/shifts`; a RegExp for the few regex routes. */
  path: string | RegExp;
}

type Layer = {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
};

export function declaredRoutes(app: Express): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  // A mounted router's routes are relative to its mount path (`rawPath`, e.g. '/api').
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path;
        for (const m of Object.keys(layer.route.methods))
          out.push({ method: m, path: typeof path === 'string' ? prefix + path : path });
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          prefix +
            (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''),
        );
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

/** `METHOD path` as the expectation tables key a route: `GET /api/services/:id/shifts`. */
export const routeKey = (r: DeclaredRoute) =>
  `${r.method.toUpperCase()} ${typeof r.path === 'string' ? r.path : String(r.path)}`;

/** Every declared route once (a route declared twice, e.g. by two routers, counts once). */
export const uniqueRoutes = (app: Express): DeclaredRoute[] => [
  ...new Map(declaredRoutes(app).map((r) => [routeKey(r), r])).values(),
];
