import OpenAI from "openai";
import type { OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConforms, startToolPlatform, type ToolPlatform } from "./assistant-platform.js";

/** ADR 0024, "Not done" 5: a conversation's items created, read and deleted one by one (`/v1/conversations/{id}/items`). */
describe("a conversation's items through the official openai client", () => {
  let tools: ToolPlatform | undefined;
  let client: OpenAI;
  let other: OpenAI;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ vendor, client, other } = tools);
  });

  afterAll(async () => {
    await tools?.stop();
  });

  const text = (item: OpenAI.Conversations.ConversationItem) => (item.type === "message" ? item.content.map((part) => ("text" in part ? part.text : "")).join("") : item.type);

  it("adds items, reads one, deletes one; the next response sees the items left, another project sees none", async () => {
    const conversation = await client.conversations.create({ items: [{ type: "message", role: "user", content: "My name is Ada." }] });
    const added = await client.conversations.items.create(conversation.id, {
      items: [
        { type: "message", role: "user", content: "I live in Paris." },
        { type: "message", role: "assistant", content: "Noted." },
      ],
    });
    expectConforms("ConversationItemList", added);
    expect(added.data.map((item) => [item.type, "role" in item ? item.role : "", text(item)])).toEqual([
      ["message", "user", "I live in Paris."],
      ["message", "assistant", "Noted."],
    ]);
    const [paris, noted] = added.data as [OpenAI.Conversations.Message, OpenAI.Conversations.Message];
    expect(paris.id).toMatch(/^msg_/);
    expect(noted.id).not.toBe(paris.id);
    expect(added).toMatchObject({ object: "list", first_id: paris.id, last_id: noted.id, has_more: false });
    // OpenAI's part types: what the user wrote is input_text, what the assistant said output_text.
    expect(paris.content[0]).toMatchObject({ type: "input_text" });
    expect(noted.content[0]).toMatchObject({ type: "output_text" });

    const read = await client.conversations.items.retrieve(paris.id, { conversation_id: conversation.id });
    expectConforms("ConversationItem", read);
    expect(read).toEqual(paris);
    // Found only through its own conversation, and only by its project.
    const elsewhere = await client.conversations.create({});
    await expect(client.conversations.items.retrieve(paris.id, { conversation_id: elsewhere.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.conversations.items.delete(paris.id, { conversation_id: elsewhere.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.conversations.items.retrieve(paris.id, { conversation_id: conversation.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.conversations.items.delete(paris.id, { conversation_id: conversation.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.conversations.items.create(conversation.id, { items: [{ type: "message", role: "user", content: "Intruder." }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);

    // Deleting an item answers the conversation it was deleted from.
    const after = await client.conversations.items.delete(paris.id, { conversation_id: conversation.id });
    expectConforms("ConversationResource", after);
    expect(after).toEqual(conversation);
    await expect(client.conversations.items.retrieve(paris.id, { conversation_id: conversation.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.conversations.items.delete(paris.id, { conversation_id: conversation.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const left = await client.conversations.items.list(conversation.id, { order: "asc" });
    expect(left.data.map(text)).toEqual(["My name is Ada.", "Noted."]);

    // The next turn is given the items left, in order, and adds its own.
    vendor.queueScenario({ reply: { text: "You did not say." } });
    const before = vendor.requests.length;
    const response = await client.responses.create({ model: "gpt-tools", conversation: conversation.id, input: "Where do I live?" });
    expect(response.output_text).toBe("You did not say.");
    const sent = vendor.requests.slice(before).find((request) => request.path.endsWith("/chat/completions"))!.body as { messages: Array<{ role: string; content: string }> };
    expect(sent.messages).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: "Noted." },
      { role: "user", content: "Where do I live?" },
    ]);
    const all = await client.conversations.items.list(conversation.id, { order: "asc" });
    expect(all.data.map(text)).toEqual(["My name is Ada.", "Noted.", "Where do I live?", "You did not say."]);
  });

  it("refuses an empty item list and an unknown conversation, OpenAI-shaped", async () => {
    const conversation = await client.conversations.create({});
    await expect(client.conversations.items.create(conversation.id, { items: [] })).rejects.toMatchObject({ status: 400, error: { type: "invalid_request_error", param: "items" } });
    await expect(client.conversations.items.create("conv_missing", { items: [{ type: "message", role: "user", content: "Hi" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.conversations.items.retrieve("msg_missing", { conversation_id: conversation.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
