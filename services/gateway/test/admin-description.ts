import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type JsonObject = Record<string, any>;

export interface CheckedAnswer {
  method: string;
  /** The path template of the description that the URL matched, e.g. `/admin/keys/{keyId}`. */
  template: string;
  status: number;
}

/**
 * Checks real answers against the admin API's own description: finds the operation a method and
 * URL belong to, then validates the body with the schema stated for that status. An answer with a
 * status the description does not list is a problem, as is a URL it does not describe.
 */
export class AdminDescription {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly checked: CheckedAnswer[] = [];

  constructor(readonly document: JsonObject) {
    addFormats.default(this.ajv);
    this.ajv.addSchema({ $id: "https://llm-serve.invalid/admin", components: document.components });
  }

  templates(): Array<{ method: string; template: string }> {
    return Object.entries(this.document.paths as Record<string, JsonObject>).flatMap(([template, item]) => Object.keys(item).map((method) => ({ method, template })));
  }

  templateOf(path: string): string | undefined {
    const pathname = path.split("?")[0]!;
    const byFewestParameters = Object.keys(this.document.paths).sort((a, b) => a.split("{").length - b.split("{").length);
    return byFewestParameters.find((template) => new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`).test(pathname));
  }

  /** The problems of one answer (or of one `data:` event, with `text/event-stream`); empty when it is described and conforms. */
  problems(method: string, path: string, status: number, body: unknown, contentType = "application/json"): string[] {
    const template = this.templateOf(path);
    if (!template) return [`${method} ${path} is not in the description`];
    const operation = this.document.paths[template][method.toLowerCase()] as JsonObject | undefined;
    if (!operation) return [`${method} ${template} is not in the description`];
    const ref = operation.responses[String(status)]?.content?.[contentType]?.schema?.$ref as string | undefined;
    if (!ref) return [`${method} ${template} answered ${status} as ${contentType}, which the description does not list`];
    this.checked.push({ method: method.toLowerCase(), template, status });
    const validate = this.validatorFor(ref);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${method} ${path} ${status}: ${error.instancePath || "(root)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
  }

  private validatorFor(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.getSchema(`https://llm-serve.invalid/admin${ref}`)!;
      this.compiled.set(ref, validate);
    }
    return validate;
  }
}
