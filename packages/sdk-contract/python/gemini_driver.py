"""The official `google-genai` SDK against the testkit's Gemini mock (see contract_driver.py)."""
from google import genai
from google.genai import types

from contract_driver import WEATHER_SCHEMA, run

MODEL = "gemini-2.0-flash"
TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="get_weather", description="Weather", parameters_json_schema=WEATHER_SCHEMA)])]
ASK = types.Content(role="user", parts=[types.Part.from_text(text="Weather in Paris?")])
TOOL_TURN = [
    ASK,
    types.Content(role="model", parts=[types.Part.from_function_call(name="get_weather", args={"city": "Paris"})]),
    types.Content(role="user", parts=[types.Part.from_function_response(name="get_weather", response={"temp_c": 18})]),
]


def client_for(config, key):
    # The SDK's default API version (v1 in 3.x) unless the test names one; no retries: one request per case.
    options = types.HttpOptions(base_url=config["base_url"], retry_options=types.HttpRetryOptions(attempts=1))
    if config.get("api_version"):
        options.api_version = config["api_version"]
    return genai.Client(api_key=key, http_options=options)


def setup(config):
    return {"client": client_for(config, config["api_key"]), "bad": client_for(config, config["bad_key"])}


def answer_of(response):
    candidate = response.candidates[0]
    parts = candidate.content.parts or []
    calls = [{"name": part.function_call.name, "args": part.function_call.args} for part in parts if part.function_call]
    usage = response.usage_metadata
    return {
        "text": response.text,
        "finish_reason": candidate.finish_reason.value if candidate.finish_reason else None,
        "tool_calls": calls,
        "usage": {"prompt": usage.prompt_token_count, "candidates": usage.candidates_token_count, "total": usage.total_token_count} if usage else None,
    }


def chat(context):
    return answer_of(context["client"].models.generate_content(model=MODEL, contents="Hi", config=types.GenerateContentConfig(max_output_tokens=64, temperature=0.5)))


def stream(context):
    text, finish, usage = "", None, None
    for chunk in context["client"].models.generate_content_stream(model=MODEL, contents="Hi"):
        text += chunk.text or ""
        if chunk.candidates and chunk.candidates[0].finish_reason:
            finish = chunk.candidates[0].finish_reason.value
        if chunk.usage_metadata:
            usage = {"prompt": chunk.usage_metadata.prompt_token_count, "candidates": chunk.usage_metadata.candidates_token_count}
    return {"text": text, "finish_reason": finish, "usage": usage}


def tool_call(context):
    config = types.GenerateContentConfig(tools=TOOLS, tool_config=types.ToolConfig(function_calling_config=types.FunctionCallingConfig(mode="AUTO")))
    return answer_of(context["client"].models.generate_content(model=MODEL, contents=[ASK], config=config))


def tool_result(context):
    return answer_of(context["client"].models.generate_content(model=MODEL, contents=TOOL_TURN, config=types.GenerateContentConfig(tools=TOOLS)))


def embeddings(context):
    response = context["client"].models.embed_content(model="text-embedding-004", contents=["hello world", "b"], config=types.EmbedContentConfig(output_dimensionality=4))
    return {"count": len(response.embeddings), "dimensions": [len(item.values) for item in response.embeddings]}


def auth_error(context):
    context["bad"].models.generate_content(model=MODEL, contents="Hi")


def schema_refused(context):
    """The `parameters` form with a JSON Schema keyword Gemini's Schema lacks (sent raw: the SDK would convert it)."""
    body = {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters": {"type": "object", "$schema": "http://json-schema.org/draft-07/schema#"}}]}]}
    context["client"].models.generate_content(model=MODEL, contents="Hi", config=types.GenerateContentConfig(http_options=types.HttpOptions(extra_body={"tools": body["tools"]})))


def stream_error(context):
    for _chunk in context["client"].models.generate_content_stream(model=MODEL, contents="Hi"):
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
    "schema_refused": schema_refused,
    "stream_error": stream_error,
}

if __name__ == "__main__":
    run(CASES, setup)
