import type { MethodDefinition } from "@grpc/grpc-js";

/** A ts-proto service definition: method name → grpc-js method definition. */
export type ServiceDefinitionOf = Record<string, MethodDefinition<any, any>>;

export type RequestOf<M> = M extends MethodDefinition<infer Request, any> ? Request : never;
export type ResponseOf<M> = M extends MethodDefinition<any, infer Response> ? Response : never;

/** Unary methods only: streams are written by hand where we have them (health Watch). */
export type UnaryMethodNames<D extends ServiceDefinitionOf> = {
  [K in keyof D]: D[K]["requestStream"] extends false ? (D[K]["responseStream"] extends false ? K : never) : never;
}[keyof D];

/** Methods that take one request and answer a stream of responses. */
export type ServerStreamingMethodNames<D extends ServiceDefinitionOf> = {
  [K in keyof D]: D[K]["requestStream"] extends false ? (D[K]["responseStream"] extends true ? K : never) : never;
}[keyof D];
