/** A route as express holds it: `GET /admin/keys/:keyId`. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route registered in an express 5 app or router, with its mount path: the list the admin
 * API's description must cover (the route test compares the two).
 */
export function registeredRoutes(appOrRouter: object, prefix = ""): RegisteredRoute[] {
  // Express's own typings omit the layer fields read here (rawPath, route.methods).
  const router = appOrRouter as { router?: { stack: Layer[] }; stack?: Layer[] };
  const stack = router.router?.stack ?? router.stack ?? [];
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`;
      return Object.keys(layer.route.methods).filter((method) => method !== "_all").map((method) => ({ method, path }));
    }
    if (layer.handle?.stack) return registeredRoutes({ stack: layer.handle.stack }, `${prefix}${layer.rawPath ?? ""}`.replace(/\/+$/, ""));
    return [];
  });
}
