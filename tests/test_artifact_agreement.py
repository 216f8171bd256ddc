"""`main.cpp` and `tt.plan.json` are two serializations of one program contract.

For every case of the artifact corpus (every example and every pipeline lit input,
`tests/golden_corpus.py`), `main.cpp` is read back with regular expressions into the
same shape as the plan and compared: the tensors, the core table, every CB (index,
core ranges, pages, page size, format), every kernel (source file, core ranges,
processor, NOC, compile-time arguments, compute config) and every kernel's runtime
arguments. A printer that decided something on its own, or read a fact another way
than the other printer, fails here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from golden_corpus import ROOT, cases
from tt_dialect.emit.host import CPP_DATA_FORMATS, CPP_MATH_FIDELITY

FORMAT_OF = {cpp: fmt.value for fmt, cpp in CPP_DATA_FORMATS.items()}
FIDELITY_OF = {cpp: fidelity.value for fidelity, cpp in CPP_MATH_FIDELITY.items()}
PROCESSOR_OF = {"RISCV_0": "riscv_0", "RISCV_1": "riscv_1"}
NOC_OF = {"RISCV_0_default": "noc_0", "RISCV_1_default": "noc_1"}

CASES = cases()

CORE_RANGE = re.compile(r"CoreRange\(CoreCoord\{(\d+), (\d+)\}, CoreCoord\{(\d+), (\d+)\}\)")
RANGE_SET = re.compile(r"const CoreRangeSet (\w+)\(std::vector<CoreRange>\{(.*?)\}\);", re.S)
CIRCULAR_BUFFER = re.compile(
    r"CreateCircularBuffer\(\s*program,\s*(\w+),\s*CircularBufferConfig\((\d+), "
    r"\{\{(\d+), ([\w:]+)\}\}\)\s*\.set_page_size\((\d+), (\d+)\)\);"
)
KERNEL = re.compile(
    r"const KernelHandle (\w+) = tt::tt_metal::CreateKernel\(\s*program,\s*"
    r'TT_KERNEL_DIR "/([\w.]+)",\s*(\w+),\s*(\w+)\{(.*?)\}\);',
    re.S,
)
FIELD = re.compile(r"\.(\w+) = (\{[^}]*\}|[^,\n]+),")
RUNTIME_ARGS = re.compile(r"SetRuntimeArgs\(\s*program, (\w+), core, \{(.*?)\}\);", re.S)
TENSOR_ROW = re.compile(r'\{"(tensor\d+)", "(\w+)", "(\w+)", "\[([\d, ]+)\]", (?:true|false), '
                        r"\d+, (\d+), (\d+), (\d+), (\d+), \d+, (\d+), (\d+)\},")
CORE_ROW = re.compile(r"\{(\d+), (\d+), (\d+), (\d+)\},")
SEMAPHORE = re.compile(
    r"const uint32_t (\w+) = tt::tt_metal::CreateSemaphore\(program, (\w+), (\d+)\);\n"
    r"\s*if \(\1 != (\d+)\)"
)


def _ranges(text: str) -> list[dict[str, list[int]]]:
    return [
        {"start": [int(x0), int(y0)], "end": [int(x1), int(y1)]}
        for x0, y0, x1, y1 in CORE_RANGE.findall(text)
    ]


def _ints(text: str) -> list[int]:
    return [int(v) for v in text.strip("{} ").split(",") if v.strip()]


MULTICAST_VALUE = re.compile(r"multicast_value\(\*mesh_device, Mcast::(\w+), Axis::(\w+), work, (\d)\)")


def _runtime_arg(value: str, noc: str | None) -> dict[str, Any]:
    value = value.strip()
    if match := re.fullmatch(r"tensor(\d+)_address", value):
        return {"kind": "buffer_address", "tensor": int(match[1])}
    if match := MULTICAST_VALUE.fullmatch(value):
        assert noc == f"noc_{match[3]}", f"{value} is computed for NOC {match[3]}, the kernel uses {noc}"
        return {"kind": f"mcast_{match[1]}", "axis": match[2]}
    return {"kind": {"work.start": "start_unit", "work.count": "num_units"}[value]}


def _arguments(values: str) -> list[str]:
    """The comma-separated C++ expressions of an initializer list, commas inside
    parentheses left alone."""
    parts, depth, current = [], 0, ""
    for char in values:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def read_main_cpp(text: str) -> dict[str, Any]:
    """The facts `main.cpp` states, in the plan's shape."""
    tensors_table = text[text.index("kTensors[] = {") : text.index("kNumTensors")]
    cores_table = text[text.index("kCores[] = {") :]
    cores_table = cores_table[: cores_table.index("};")]
    range_sets = {name: _ranges(body) for name, body in RANGE_SET.findall(text)}
    kernels = []
    handles = {}
    for handle, source, cores, config, body in KERNEL.findall(text):
        fields = dict(FIELD.findall(body))
        kernel: dict[str, Any] = {"file": source, "core_ranges": range_sets[cores]}
        if config == "DataMovementConfig":
            kernel["processor"] = PROCESSOR_OF[fields["processor"].split("::")[1]]
            kernel["noc"] = NOC_OF[fields["noc"].split("::")[1]]
        else:
            kernel["processor"] = "compute"
            kernel["compute_config"] = {
                "math_fidelity": FIDELITY_OF[fields["math_fidelity"]],
                "fp32_dest_acc": fields["fp32_dest_acc_en"] == "true",
                "dst_full_sync": fields["dst_full_sync_en"] == "true",
            }
        kernel["compile_time_args"] = _ints(fields["compile_args"])
        kernel["runtime_args"] = []
        handles[handle] = kernel
        kernels.append(kernel)
    for handle, values in RUNTIME_ARGS.findall(text):
        kernel = handles[handle]
        kernel["runtime_args"] = [_runtime_arg(v, kernel.get("noc")) for v in _arguments(values)]
    return {
        "tensors": [
            {"name": name, "role": role, "dtype": dtype, "shape": _ints(shape),
             "matrix": [int(file_rows), int(file_cols)], "padded_matrix": [int(rows), int(cols)],
             "page_size": int(page_size), "num_tiles": int(tiles)}
            for name, role, dtype, shape, rows, cols, file_rows, file_cols, page_size, tiles
            in TENSOR_ROW.findall(tensors_table)
        ],
        "cores": sorted(
            ({"core": [int(x), int(y)], "start": int(s), "count": int(c)}
             for x, y, s, c in CORE_ROW.findall(cores_table)),
            key=lambda entry: (entry["core"][1], entry["core"][0]),
        ),
        "semaphores": [
            {"id": int(id_), "initial_value": int(initial), "core_ranges": range_sets[cores]}
            for _, cores, initial, id_ in SEMAPHORE.findall(text)
        ],
        "cbs": [
            {"index": int(index), "pages": int(total) // int(page_size),
             "page_size": int(page_size), "data_format": FORMAT_OF[fmt],
             "core_ranges": range_sets[cores]}
            for cores, total, index, fmt, page_index, page_size in CIRCULAR_BUFFER.findall(text)
            if page_index == index
        ],
        "kernels": kernels,
    }


def plan_facts(plan: dict[str, Any]) -> dict[str, Any]:
    """The same facts, from the plan."""
    from math import prod

    return {
        "tensors": [
            {"name": t["name"], "role": t["role"], "dtype": t["dtype"], "shape": t["shape"],
             "matrix": t["shape"][-2:], "padded_matrix": t["padded_shape"][-2:],
             "page_size": t["layout"]["page_size"], "num_tiles": prod(t["layout"]["tiles"])}
            for t in plan["tensors"]
        ],
        "cores": plan["cores"],
        "semaphores": plan["semaphores"],
        "cbs": [
            {key: cb[key] for key in ("index", "pages", "page_size", "data_format", "core_ranges")}
            for cb in plan["cbs"]
        ],
        "kernels": [
            {
                "file": k["file"],
                "core_ranges": k["core_ranges"],
                "processor": k["processor"],
                **({"noc": k["noc"]} if "noc" in k else {}),
                **({"compute_config": k["compute_config"]} if "compute_config" in k else {}),
                "compile_time_args": k["compile_time_args"],
                "runtime_args": [
                    {key: arg[key] for key in ("kind", "tensor", "axis") if key in arg}
                    for arg in k["runtime_args"]
                ],
            }
            for k in plan["kernels"]
        ],
    }


@pytest.mark.parametrize("case", CASES, ids=[name for name, _ in CASES])
def test_main_cpp_states_what_the_plan_states(case: tuple[str, dict[str, str]]) -> None:
    _, files = case
    from_host = read_main_cpp(files["main.cpp"])
    from_plan = plan_facts(json.loads(files["tt.plan.json"]))
    assert from_plan["cbs"] and from_plan["kernels"] and from_plan["cores"]
    for fact in ("tensors", "cores", "semaphores", "cbs", "kernels"):
        assert from_host[fact] == from_plan[fact], fact


def test_the_reader_sees_a_disagreement() -> None:
    """A main.cpp whose CB pages differ from the plan's is caught (the test can fail)."""
    _, files = CASES[0]
    text = re.sub(
        r"CircularBufferConfig\((\d+),",
        lambda m: f"CircularBufferConfig({int(m.group(1)) // 2},",
        files["main.cpp"],
        count=1,
    )
    assert text != files["main.cpp"]
    assert read_main_cpp(text)["cbs"] != plan_facts(json.loads(files["tt.plan.json"]))["cbs"]


def test_semaphores_agree() -> None:
    """No pass makes semaphores yet: a program given two states them the same way in both."""
    from xdsl.dialects.builtin import ArrayAttr

    from tt_dialect.api import apply_pipeline, parse_module
    from tt_dialect.emit.host import host_main_cpp
    from tt_dialect.emit.plan import plan_of
    from tt_dialect.emit.program_facts import find_program
    from tt_dialect.ops.attributes import CoreRangeAttr, CoreRangeSetAttr, SemaphoreDescAttr

    module = parse_module((ROOT / "examples/gemm/gemm.mlir").read_text())
    apply_pipeline(module, "tt-pipeline{grid=2x3}")
    program = find_program(module, "a test")
    program.properties["semaphores"] = ArrayAttr([
        SemaphoreDescAttr(0, 0, CoreRangeSetAttr([CoreRangeAttr((0, 0), (2, 1))])),
        SemaphoreDescAttr(1, 5, CoreRangeSetAttr([CoreRangeAttr((0, 0), (0, 1))])),
    ])
    program.verify()
    from_host = read_main_cpp(host_main_cpp(program))
    from_plan = plan_facts(plan_of(program))
    assert from_host["semaphores"] == from_plan["semaphores"] == [
        {"id": 0, "initial_value": 0, "core_ranges": [{"start": [0, 0], "end": [2, 1]}]},
        {"id": 1, "initial_value": 5, "core_ranges": [{"start": [0, 0], "end": [0, 1]}]},
    ]
