"""The official `openai` SDK against the testkit's OpenAI mock (see contract_driver.py)."""
import openai

from contract_driver import WEATHER_SCHEMA, run

TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": WEATHER_SCHEMA}}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
TOOL_TURN = ASK + [
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
    {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp_c\":18}"},
]


def setup(config):
    client = openai.OpenAI(api_key=config["api_key"], base_url=config["base_url"], max_retries=0)
    bad = openai.OpenAI(api_key=config["bad_key"], base_url=config["base_url"], max_retries=0)
    return {"client": client, "bad": bad}


def completion(answer):
    choice = answer.choices[0]
    calls = [{"id": call.id, "name": call.function.name, "arguments": call.function.arguments} for call in (choice.message.tool_calls or [])]
    return {"text": choice.message.content, "finish_reason": choice.finish_reason, "tool_calls": calls, "usage": answer.usage.model_dump() if answer.usage else None}


def chat(context):
    return completion(context["client"].chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], max_tokens=64, temperature=0.5))


def stream(context):
    text, finish, usage = "", None, None
    for chunk in context["client"].chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], stream=True, stream_options={"include_usage": True}):
        if chunk.usage:
            usage = chunk.usage.model_dump()
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    return {"text": text, "finish_reason": finish, "usage": usage}


def tool_call(context):
    return completion(context["client"].chat.completions.create(model="gpt-4o-mini", messages=ASK, tools=TOOLS, tool_choice="auto"))


def tool_result(context):
    return completion(context["client"].chat.completions.create(model="gpt-4o-mini", messages=TOOL_TURN, tools=TOOLS))


def embeddings(context):
    answer = context["client"].embeddings.create(model="text-embedding-3-small", input=["hello world", "b"], dimensions=4)
    return {"count": len(answer.data), "dimensions": [len(item.embedding) for item in answer.data], "usage": answer.usage.model_dump()}


def auth_error(context):
    context["bad"].chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])


def stream_error(context):
    for _chunk in context["client"].chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], stream=True):
        pass


CASES = {
    "chat": chat,
    "stream": stream,
    "tool_call": tool_call,
    "tool_result": tool_result,
    "embeddings": embeddings,
    "auth_error": auth_error,
    "rate_limit": chat,
    "server_error": chat,
    "bad_request": chat,
    "stream_error": stream_error,
}

if __name__ == "__main__":
    run(CASES, setup)
