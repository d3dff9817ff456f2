"""Rules the schemas cannot express, checked on the rendered overlay: every Deployment has
readiness and liveness probes and resource requests and limits, a PodDisruptionBudget selects it,
the gateway has an HPA, and no container sets LLMSERVE_DEV_MODE (dev mode accepts example secrets)."""
import sys

import yaml

documents = [doc for doc in yaml.safe_load_all(open(sys.argv[1])) if doc]
problems = []
budgets = [doc["spec"]["selector"]["matchLabels"] for doc in documents if doc["kind"] == "PodDisruptionBudget"]
scaled = {doc["spec"]["scaleTargetRef"]["name"] for doc in documents if doc["kind"] == "HorizontalPodAutoscaler"}
for deployment in (doc for doc in documents if doc["kind"] == "Deployment"):
    name = deployment["metadata"]["name"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    if not any(all(labels.get(key) == value for key, value in selector.items()) for selector in budgets):
        problems.append(f"{name}: no PodDisruptionBudget selects it")
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        for probe in ("readinessProbe", "livenessProbe"):
            if probe not in container:
                problems.append(f"{name}/{container['name']}: no {probe}")
        resources = container.get("resources", {})
        for part in ("requests", "limits"):
            if not {"cpu", "memory"} <= set(resources.get(part, {})):
                problems.append(f"{name}/{container['name']}: resources.{part} needs cpu and memory")
        if any(variable.get("name") == "LLMSERVE_DEV_MODE" for variable in container.get("env", [])):
            problems.append(f"{name}/{container['name']}: sets LLMSERVE_DEV_MODE")
for config_map in (doc for doc in documents if doc["kind"] == "ConfigMap"):
    if "LLMSERVE_DEV_MODE" in config_map.get("data", {}):
        problems.append(f"ConfigMap {config_map['metadata']['name']}: sets LLMSERVE_DEV_MODE")
if "gateway" not in scaled:
    problems.append("gateway: no HorizontalPodAutoscaler")
for problem in problems:
    print(f"[k8s-validate] INVALID: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
