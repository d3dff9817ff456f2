export * from "./canonical-request.js";
export * from "./sign-request.js";
export * from "./verify-signature.js";
export * from "./signing-fetch.js";
