"""Runs the contract cases of one vendor SDK in one Python process (start-up is the slow part).

Reads {"base_url", "api_key", "bad_key", "cases": [name, ...]} as JSON on stdin; runs each named case
in order (each sends exactly one HTTP request: the SDKs' own retries are switched off); prints one
JSON list of {"case", "ok", "result" | "error"} on stdout. A case's result is what the SDK parsed,
reduced to plain values, so that the test can check the SDK understood every answer.
"""
import json
import sys
import traceback


def describe_error(error):
    """The fields an SDK exception exposes, whichever SDK raised it."""
    described = {"class": type(error).__name__}
    for name in ("status_code", "code", "status", "error_code", "message", "err_msg", "type", "param"):
        value = getattr(error, name, None)
        if isinstance(value, (str, int, float, bool)):
            described[name] = value
    body = getattr(error, "body", None)
    if isinstance(body, (dict, list)):
        described["body"] = body
    described["text"] = str(error)[:500]
    return described


def run(cases_by_name, setup=None):
    config = json.load(sys.stdin)
    context = setup(config) if setup else config
    results = []
    for name in config["cases"]:
        try:
            results.append({"case": name, "ok": True, "result": cases_by_name[name](context)})
        except Exception as error:  # every SDK failure is a result to check, not a crash
            results.append({"case": name, "ok": False, "error": describe_error(error), "trace": traceback.format_exc()[-1500:]})
    json.dump(results, sys.stdout)


WEATHER_SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
