"""Expected outcome of every demo-store task, computed by tau-bench's own retail tools.

For each task of ../demo-store/data/tasks_{train,dev}.jsonl: apply its expected actions to a fresh copy of
tau-bench's data with tau-bench's tool code, note which actions tau-bench itself answers with an error, and
digest the task's customer and their orders exactly as `stateDigest` does in src/digest.ts (canonical JSON
with sorted keys, the customer's order list sorted, payment amounts in cents, integral numbers as integers).

Run it against a checkout of tau-bench (commit 59a200c6d575d595120f1cb70fea53cef0632f6b):

    python3 packages/commerce/scripts/tau_expected.py /path/to/tau-bench > packages/commerce/test/fixtures/tau-expected.json
"""

import copy
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TASKS = os.path.join(HERE, "..", "..", "demo-store", "data")


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def digest(data, user_id):
    user = copy.deepcopy(data["users"][user_id])
    user["orders"] = sorted(user["orders"])
    orders = {}
    for order_id, order in data["orders"].items():
        if order["user_id"] != user_id:
            continue
        order = copy.deepcopy(order)
        for t in order["payment_history"]:
            t["amount"] = round(t["amount"], 2)
        orders[order_id] = order
    doc = normalise({"users": {user_id: user}, "orders": orders})
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main(tau_root):
    sys.path.insert(0, tau_root)
    from tau_bench.envs.retail.data import load_data
    from tau_bench.envs.retail.tools import ALL_TOOLS

    tools = {t.get_info()["function"]["name"]: t for t in ALL_TOOLS}
    base = load_data()
    out = []
    for split in ["train", "dev"]:
        with open(os.path.join(TASKS, f"tasks_{split}.jsonl")) as f:
            for index, line in enumerate(f):
                task = json.loads(line)
                data = copy.deepcopy(base)
                refused = []
                for j, action in enumerate(task["actions"]):
                    result = tools[action["name"]].invoke(data=data, **action["kwargs"])
                    if isinstance(result, str) and result.startswith("Error"):
                        refused.append({"action": j, "error": result})
                out.append(
                    {
                        "split": split,
                        "index": index,
                        "userId": task["user_id"],
                        "refused": refused,
                        "digest": digest(data, task["user_id"]),
                    }
                )
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
