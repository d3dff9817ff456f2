type JsonObject = Record<string, any>;

/** One operation of the admin API's own description (GET /admin/openapi.json). */
export interface AdminOperation {
  method: string;
  template: string;
  pathParameters: string[];
  /** Top-level fields of its JSON body; empty when it takes none. */
  bodyFields: string[];
  hasBody: boolean;
}

export function adminOperations(document: JsonObject): AdminOperation[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, JsonObject>;
  const resolve = (schema: JsonObject | undefined): JsonObject | undefined => {
    const ref = schema?.$ref as string | undefined;
    return ref ? schemas[ref.split("/").pop()!] : schema;
  };
  return Object.entries(document.paths as Record<string, JsonObject>).flatMap(([template, item]) =>
    Object.entries(item).map(([method, operation]: [string, JsonObject]) => {
      const schema = resolve(operation.requestBody?.content?.["application/json"]?.schema);
      const fields = new Set<string>(Object.keys(schema?.properties ?? {}));
      for (const variant of [...(schema?.oneOf ?? []), ...(schema?.anyOf ?? []), ...(schema?.allOf ?? [])]) for (const field of Object.keys(resolve(variant)?.properties ?? {})) fields.add(field);
      return {
        method: method.toUpperCase(),
        template,
        pathParameters: [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
        bodyFields: [...fields],
        hasBody: schema !== undefined,
      };
    }),
  );
}

/** The template with its parameters filled in, each value percent-encoded byte by byte (lone surrogates too). */
export function fillPath(template: string, value: (parameter: string) => string): string {
  const encode = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
  return template.replace(/\{(\w+)\}/g, (_, parameter: string) => encode(value(parameter)));
}

/** Strings that break naive SQL, templates, shells, HTML, paths, parsers and prototype lookups. */
export const INJECTIONS: readonly unknown[] = [
  "' OR '1'='1",
  "'; DROP TABLE organizations; --",
  "\" OR 1=1 --",
  "1; SELECT pg_sleep(5)",
  "<script>alert(1)</script>",
  "{{7*7}}${7*7}",
  "${jndi:ldap://127.0.0.1/a}",
  "../../../../etc/passwd",
  "nul\u0000byte",
  "line\r\nX-Injected: 1",
  "`id`; $(id) | id",
  "__proto__",
  "\u202e\ud83d\ude00\ud800",
  "x".repeat(100_000),
  { $gt: "" },
  // An own "__proto__" key (a literal would set the prototype instead).
  JSON.parse('{"__proto__":{"role":"platform_admin","admin":true}}'),
  -1,
  1e308,
  [],
  null,
];
