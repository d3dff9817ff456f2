import { outboxMigration, type Migration } from "@llm-serve/common";

const createAssistants: Migration = {
  name: "0001_create_assistants",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("assistants", (table) => {
      table.text("id").primary();
      table.text("model").notNullable();
      table.text("name").notNullable().defaultTo("");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("assistants");
  },
};

/** The tables beside assistants, each a document store of OpenAI objects (ADR 0024). */
const DOCUMENT_TABLES = ["threads", "messages", "runs", "run_steps"] as const;

/**
 * Every object is kept as OpenAI's JSON (`body`), with the columns it is found by: its project (the
 * scope of every read), its parents, its status, and `seq` (creation order, for list pagination).
 * Runs also keep the caller's principal (to make model calls when resumed after a restart) and a
 * lease (which instance is advancing the run, until when).
 */
const createDocuments: Migration = {
  name: "0002_create_assistant_documents",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("assistants", (table) => {
      table.text("project_id").notNullable().defaultTo("");
      table.bigIncrements("seq", { primaryKey: false });
      table.text("status").notNullable().defaultTo("active");
      table.jsonb("body").notNullable().defaultTo("{}");
      table.index(["project_id", "seq"]);
    });
    for (const name of DOCUMENT_TABLES) {
      await db.schema.withSchema(schema).createTable(name, (table) => {
        table.text("id").primary();
        table.text("project_id").notNullable();
        table.bigIncrements("seq", { primaryKey: false });
        table.text("thread_id").nullable();
        table.text("run_id").nullable();
        table.text("status").notNullable();
        table.jsonb("body").notNullable();
        table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.index(["project_id", "thread_id", "seq"]);
        table.index(["project_id", "run_id", "seq"]);
        if (name === "runs") {
          table.text("principal_json").notNullable().defaultTo("");
          table.timestamp("lease_until", { useTz: true }).nullable();
          table.index(["status"]);
        }
      });
    }
  },
  async down(db, schema) {
    for (const name of [...DOCUMENT_TABLES].reverse()) await db.schema.withSchema(schema).dropTableIfExists(name);
    await db.schema.withSchema(schema).alterTable("assistants", (table) => {
      table.dropColumns("project_id", "seq", "status", "body");
    });
  },
};

/**
 * The Responses API's objects: responses, conversations, and items (a response's input and output
 * items, `run_id` = the response; a conversation's items, `thread_id` = the conversation; `status` =
 * "input" or "output").
 */
const createResponseDocuments: Migration = {
  name: "0003_create_response_documents",
  async up(db, schema) {
    for (const name of ["responses", "conversations", "items"]) {
      await db.schema.withSchema(schema).createTable(name, (table) => {
        table.text("id").primary();
        table.text("project_id").notNullable();
        table.bigIncrements("seq", { primaryKey: false });
        table.text("thread_id").nullable();
        table.text("run_id").nullable();
        table.text("status").notNullable();
        table.jsonb("body").notNullable();
        table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.index(["project_id", "thread_id", "seq"]);
        table.index(["project_id", "run_id", "seq"]);
      });
    }
  },
  async down(db, schema) {
    for (const name of ["items", "conversations", "responses"]) await db.schema.withSchema(schema).dropTableIfExists(name);
  },
};

export const migrations: readonly Migration[] = [outboxMigration, createAssistants, createDocuments, createResponseDocuments];
