"""The official `qianfan` SDK (its v2 chat, bearer API key) against the testkit's Qianfan mock
(see contract_driver.py). The SDK has no v2 embeddings, so there is no embeddings case."""
import os

from contract_driver import WEATHER_SCHEMA, run

MODEL = "ernie-4.0-8k"
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": WEATHER_SCHEMA}}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
TOOL_TURN = ASK + [
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
    {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp_c\":18}"},
]


def setup(config):
    # The SDK takes a v2 API key (bearer token) and its endpoints only from its QIANFAN_* settings,
    # read when it is imported; the wrong key's client gets its own copy of those settings.
    os.environ["QIANFAN_CONSOLE_API_BASE_URL"] = config["base_url"]
    os.environ["QIANFAN_BEARER_TOKEN"] = config["api_key"]
    import qianfan
    from qianfan.config import get_config
    bad_settings = get_config().copy(update={"BEARER_TOKEN": config["bad_key"]})
    return {"client": qianfan.ChatCompletion(version="2"), "bad": qianfan.ChatCompletion(version="2", config=bad_settings)}


def completion(response):
    body = response.body
    choice = body["choices"][0]
    message = choice["message"]
    calls = [{"id": call["id"], "name": call["function"]["name"], "arguments": call["function"]["arguments"]} for call in (message.get("tool_calls") or [])]
    return {"status": response.code, "text": message.get("content"), "finish_reason": choice.get("finish_reason"), "tool_calls": calls, "usage": body.get("usage")}


def chat(context, client="client"):
    return completion(context[client].do(model=MODEL, messages=[{"role": "user", "content": "Hi"}], max_completion_tokens=64, temperature=0.5, retry_count=1))


def stream(context):
    text, finish, usage = "", None, None
    for response in context["client"].do(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True, stream_options={"include_usage": True}, retry_count=1):
        body = response.body
        usage = body.get("usage") or usage
        for choice in body.get("choices") or []:
            text += (choice.get("delta") or {}).get("content") or ""
            finish = choice.get("finish_reason") or finish
    return {"text": text, "finish_reason": finish, "usage": usage}


def tool_call(context):
    return completion(context["client"].do(model=MODEL, messages=ASK, tools=TOOLS, tool_choice="auto", retry_count=1))


def tool_result(context):
    return completion(context["client"].do(model=MODEL, messages=TOOL_TURN, tools=TOOLS, retry_count=1))


def stream_error(context):
    for _response in context["client"].do(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True, retry_count=1):
        pass


CASES = {
    "chat": chat,
    "stream": stream,
    "tool_call": tool_call,
    "tool_result": tool_result,
    "auth_error": lambda context: chat(context, "bad"),
    "rate_limit": chat,
    "server_error": chat,
    "error_at_200": chat,
    "stream_error_at_200": stream_error,
    "stream_error": stream_error,
}

if __name__ == "__main__":
    run(CASES, setup)
