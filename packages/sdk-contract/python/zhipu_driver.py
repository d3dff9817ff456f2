"""The official `zhipuai` SDK against the testkit's Zhipu mock (see contract_driver.py).

The main client signs JWTs (disable_token_cache=False), as a deployment with auth_mode jwt does;
`chat_plain_key` uses the SDK's default, the key as a bearer token."""
from zhipuai import ZhipuAI

from contract_driver import WEATHER_SCHEMA, run

MODEL = "glm-4-flash"
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": WEATHER_SCHEMA}}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
TOOL_TURN = ASK + [
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
    {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp_c\":18}"},
]


def setup(config):
    def client(key, jwt=True):
        return ZhipuAI(api_key=key, base_url=config["base_url"], max_retries=0, disable_token_cache=not jwt)
    return {"client": client(config["api_key"]), "plain": client(config["api_key"], jwt=False), "bad": client(config["bad_key"])}


def completion(answer):
    choice = answer.choices[0]
    calls = [{"id": call.id, "name": call.function.name, "arguments": call.function.arguments} for call in (choice.message.tool_calls or [])]
    usage = answer.usage
    return {"text": choice.message.content, "finish_reason": choice.finish_reason, "tool_calls": calls,
            "usage": {"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens, "total_tokens": usage.total_tokens} if usage else None}


def chat(context, client="client"):
    return completion(context[client].chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], max_tokens=64, temperature=0.5, seed=7))


def stream(context):
    text, finish, usage = "", None, None
    for chunk in context["client"].chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True):
        if chunk.usage:
            usage = {"prompt_tokens": chunk.usage.prompt_tokens, "completion_tokens": chunk.usage.completion_tokens}
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    return {"text": text, "finish_reason": finish, "usage": usage}


def tool_call(context):
    return completion(context["client"].chat.completions.create(model=MODEL, messages=ASK, tools=TOOLS, tool_choice="auto"))


def tool_result(context):
    return completion(context["client"].chat.completions.create(model=MODEL, messages=TOOL_TURN, tools=TOOLS))


def embeddings(context):
    answer = context["client"].embeddings.create(model="embedding-3", input=["hello world", "b"], dimensions=4)
    return {"count": len(answer.data), "dimensions": [len(item.embedding) for item in answer.data]}


def auth_error(context):
    chat(context, "bad")


def stream_error(context):
    for _chunk in context["client"].chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True):
        pass


CASES = {
    "chat": chat,
    "chat_plain_key": lambda context: chat(context, "plain"),
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
