import { signRequest } from "./sign-request.js";

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` that signs every request it sends, for clients that accept a custom fetch (the official
 * `openai` package: `new OpenAI({ apiKey, baseURL, fetch: signingFetch({ signingSecret }) })`).
 * The body is read once into memory to be hashed, so it can be sent exactly as signed.
 */
export function signingFetch(options: { signingSecret: string; fetch?: FetchFunction }): FetchFunction {
  const send = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    const signature = signRequest({ signingSecret: options.signingSecret, method: request.method, path: url.pathname + url.search, body });
    for (const [name, value] of Object.entries(signature)) headers.set(name, value);
    return send(url, { method: request.method, headers, body, signal: request.signal, redirect: request.redirect });
  };
}
