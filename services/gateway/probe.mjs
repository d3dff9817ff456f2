import { Validator } from "@seriousme/openapi-schema-validator";
const { adminOpenApiDocument } = await import("./dist/openapi/admin-document.js");
const doc = adminOpenApiDocument("test");
const v = new Validator();
const r = await v.validate(doc);
console.log(r.valid, v.version, JSON.stringify(r.errors)?.slice(0, 2000));
console.log(Object.keys(doc.paths).length, Object.keys(doc.components.schemas).join(" "));
