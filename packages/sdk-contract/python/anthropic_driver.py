"""The official `anthropic` SDK against the testkit's Anthropic mock (see contract_driver.py)."""
import anthropic

from contract_driver import WEATHER_SCHEMA, run

MODEL = "claude-sonnet-4-5"
TOOLS = [{"name": "get_weather", "description": "Weather", "input_schema": WEATHER_SCHEMA}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
TOOL_TURN = ASK + [
    {"role": "assistant", "content": [{"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "{\"temp_c\":18}"}]},
]


def setup(config):
    client = anthropic.Anthropic(api_key=config["api_key"], base_url=config["base_url"], max_retries=0)
    bad = anthropic.Anthropic(api_key=config["bad_key"], base_url=config["base_url"], max_retries=0)
    return {"client": client, "bad": bad}


def message(answer):
    texts = [block.text for block in answer.content if block.type == "text"]
    calls = [{"id": block.id, "name": block.name, "input": block.input} for block in answer.content if block.type == "tool_use"]
    return {"text": "".join(texts), "stop_reason": answer.stop_reason, "tool_calls": calls, "usage": {"input_tokens": answer.usage.input_tokens, "output_tokens": answer.usage.output_tokens}}


def chat(context):
    # The 2.x SDK has no sampling arguments: API version 2026-10-21 refuses them.
    return message(context["client"].messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hi"}]))


def stream(context):
    with context["client"].messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hi"}]) as events:
        text = "".join(events.text_stream)
        final = events.get_final_message()
    return {"text": text, "stop_reason": final.stop_reason, "usage": {"input_tokens": final.usage.input_tokens, "output_tokens": final.usage.output_tokens}}


def tool_call(context):
    return message(context["client"].messages.create(model=MODEL, max_tokens=4096, system="Be brief.", messages=ASK, tools=TOOLS, tool_choice={"type": "auto"}))


def tool_result(context):
    return message(context["client"].messages.create(model=MODEL, max_tokens=4096, messages=TOOL_TURN, tools=TOOLS))


def auth_error(context):
    context["bad"].messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hi"}])


def sampling_refused(context):
    context["client"].messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hi"}], extra_body={"temperature": 1.0})


def stream_error(context):
    with context["client"].messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Hi"}]) as events:
        for _text in events.text_stream:
            pass


CASES = {
    "chat": chat,
    "stream": stream,
    "tool_call": tool_call,
    "tool_result": tool_result,
    "auth_error": auth_error,
    "rate_limit": chat,
    "server_error": chat,
    "overloaded": chat,
    "sampling_refused": sampling_refused,
    "stream_error": stream_error,
}

if __name__ == "__main__":
    run(CASES, setup)
