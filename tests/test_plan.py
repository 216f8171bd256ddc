"""`tt.plan.json` (tt_dialect.emit.plan) against its schema and the program's attributes.

Plans of the examples through tt-pipeline (and grid / arch variants, and a
local_shard program with a sharded output) validate against
`tt_plan.schema.json`; the gemm plan has exactly the values its attributes
hold; `cores` agrees with the work partition; the text is deterministic; the
schema rejects broken plans and documents every field; malformed inputs are
located diagnostics.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from xdsl.dialects.builtin import ArrayAttr
from xdsl.dialects.builtin import ModuleOp

from tt_dialect.api import apply_pipeline, make_context, parse_module
from tt_dialect.device import Arch
from tt_dialect.diagnostics import TTDiagnostic
from tt_dialect.emit.plan import plan_json, plan_of, plan_schema
from tt_dialect.emit.program_facts import find_program
from tt_dialect.ops.attributes import (
    ArgKind,
    CompileTimeArgKind,
    CoreRangeAttr,
    CoreRangeSetAttr,
    DataFormat,
    MathFidelity,
    PartitionMode,
    ShardOrientation,
    WorkPartitionAttr,
)
from tt_dialect.ops.program import ProgramOp

ROOT = Path(__file__).resolve().parent.parent
GEMM = ROOT / "examples" / "gemm" / "gemm.mlir"
ADD = ROOT / "examples" / "elementwise" / "add.mlir"
PIPELINES = ["tt-pipeline", "tt-pipeline{grid=3x3}", "tt-pipeline{arch=blackhole}"]

SHARDED_ADD = """
func.func @sharded_add(%A: memref<256x256xbf16>, %B: memref<256x256xbf16>,
    %C: memref<256x256xbf16> {tt.layout = #tt.buffer_layout<l1, sharded, bf16, tile = [32, 32],
      tiles = [8, 8], shard = #tt.shard_spec<grid = [2, 2], shard = [4, 4], row_major>>}) {
  tt.launch_grid (%bx, %by) in (4, 4) {
    %c64 = arith.constant 64 : index
    %row = arith.muli %by, %c64 : index
    %col = arith.muli %bx, %c64 : index
    %a = tt.alloc_shared : memref<64x64xbf16>
    %b = tt.alloc_shared : memref<64x64xbf16>
    %c = tt.alloc_shared : memref<64x64xbf16>
    tt.copy %A[%row, %col] to %a : memref<256x256xbf16> to memref<64x64xbf16>
    tt.copy %B[%row, %col] to %b : memref<256x256xbf16> to memref<64x64xbf16>
    tt.add %a, %b to %c : memref<64x64xbf16>
    tt.copy %c to %C[%row, %col] : memref<64x64xbf16> to memref<256x256xbf16>
  }
  func.return
}
"""


def compiled(source: str, pipeline: str = "tt-pipeline") -> ModuleOp:
    ctx = make_context()
    module = parse_module(source, ctx)
    apply_pipeline(module, pipeline, ctx)
    return module


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def gemm_module() -> ModuleOp:
    return compiled(GEMM.read_text())


@pytest.fixture(scope="module")
def gemm_plan(gemm_module: ModuleOp) -> dict[str, Any]:
    return plan_of(gemm_module)


CASES = [(path, pipeline) for path in (GEMM, ADD) for pipeline in PIPELINES]


def case_id(case: tuple[Path, str]) -> str:
    return f"{case[0].stem}-{case[1]}"


@pytest.fixture(scope="module", params=CASES, ids=case_id)
def example(request) -> tuple[ModuleOp, dict[str, Any]]:
    path, pipeline = request.param
    module = compiled(path.read_text(), pipeline)
    return module, plan_of(module)


# --------------------------------------------------------------------------- validity


def test_schema_is_shipped_with_the_package() -> None:
    from importlib import resources

    text = resources.files("tt_dialect.emit").joinpath("tt_plan.schema.json").read_text()
    assert json.loads(text) == plan_schema()
    assert plan_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_example_plans_validate(example, validator) -> None:
    _, plan = example
    validator.validate(plan)
    # The text round-trips to the same data.
    assert json.loads(plan_json(example[0])) == plan


def test_sharded_plan_validates_and_carries_the_shard_spec(validator) -> None:
    plan = plan_of(compiled(SHARDED_ADD, "tt-pipeline{mode=local_shard}"))
    validator.validate(plan)
    assert [t["role"] for t in plan["tensors"]] == ["input", "input", "output"]
    output = plan["tensors"][2]
    assert output["shape"] == [256, 256]
    assert output["layout"] == {
        "memory": "l1",
        "kind": "sharded",
        "tile": [32, 32],
        "tiles": [8, 8],
        "page_size": 2048,
        "shard": {"grid": [2, 2], "shard": [4, 4], "orientation": "row_major"},
    }
    assert plan["tensors"][0]["layout"]["shard"] is None
    broken = copy.deepcopy(plan)
    broken["tensors"][2]["layout"]["shard"] = None
    assert not validator.is_valid(broken)
    assert plan["grid"] == [2, 2]
    assert plan["partition"] == {
        "mode": "local_shard",
        "order": "row_major",
        "grid": [2, 2],
        "blocks": [4, 4],
        "shard_blocks": [2, 2],
        "ranges": [
            {"core_range": {"start": [0, 0], "end": [1, 1]}, "start": 0, "count": 4}
        ],
    }
    assert plan["cores"] == [
        {"core": [0, 0], "start": 0, "count": 4},
        {"core": [1, 0], "start": 4, "count": 4},
        {"core": [0, 1], "start": 8, "count": 4},
        {"core": [1, 1], "start": 12, "count": 4},
    ]


# --------------------------------------------------------------------------- gemm values


def test_gemm_header(gemm_plan) -> None:
    assert gemm_plan["schema_version"] == 3
    assert (gemm_plan["device"], gemm_plan["arch"]) == ("n150", "wormhole_b0")
    assert gemm_plan["program"] == "gemm"
    assert gemm_plan["metal_version"] == "0.74.0"
    assert gemm_plan["grid"] == [8, 8]
    assert list(gemm_plan) == [
        "schema_version", "program", "device", "arch", "metal_version", "grid", "tensors", "cores",
        "partition", "semaphores", "cbs", "kernels",
    ]
    # tt-schedule-multicast: two semaphores per multicast load (A along rows, B down
    # columns), on the 8x8 rectangle.
    all_cores = [{"start": [0, 0], "end": [7, 7]}]
    assert gemm_plan["semaphores"] == [
        {"id": i, "initial_value": 0, "core_ranges": all_cores} for i in range(4)
    ]


def test_gemm_tensors(gemm_plan) -> None:
    tensors = gemm_plan["tensors"]
    assert [t["name"] for t in tensors] == ["tensor0", "tensor1", "tensor2"]
    assert [t["role"] for t in tensors] == ["input", "input", "output"]
    for tensor in tensors:
        assert tensor["shape"] == [1024, 1024]
        assert tensor["dtype"] == "bf16"
        assert tensor["layout"] == {
            "memory": "dram",
            "kind": "interleaved",
            "tile": [32, 32],
            "tiles": [32, 32],
            "page_size": 2048,
            "shard": None,
        }


def test_gemm_cores(gemm_plan) -> None:
    cores = gemm_plan["cores"]
    assert len(cores) == 64
    assert [c["count"] for c in cores] == [1] * 64
    assert [c["start"] for c in cores] == list(range(64))
    assert [c["core"] for c in cores] == [[x, y] for y in range(8) for x in range(8)]
    assert gemm_plan["partition"] == {
        "mode": "block_2d",
        "order": "row_major",
        "grid": [8, 8],
        "blocks": [8, 8],
        "shard_blocks": [1, 1],
        "ranges": [{"core_range": {"start": [0, 0], "end": [7, 7]}, "start": 0, "count": 1}],
    }


def test_gemm_cbs(gemm_plan) -> None:
    # tt-schedule-compute coarsens the K loop to blocks of 4 K tiles: A (128x128) and B
    # (128x128) blocks of 16 bf16 tiles, 3 deep (the last 2 K steps are streamed, their
    # 8-tile-wide A and B blocks in CBs 2 and 3, one block each); the 128x128 output block
    # (16 tiles) exceeds DST, so the partial sums accumulate in L1 in CB 24 (fp32 like DST,
    # single-buffered: the packer adds in place), and CB 16 takes the bf16 result, double-buffered.
    all_cores = [{"start": [0, 0], "end": [7, 7]}]
    assert gemm_plan["cbs"] == [
        {"index": 0, "pages": 48, "page_size": 2048, "data_format": "bf16",
         "total_bytes": 98304, "core_ranges": all_cores},
        {"index": 1, "pages": 48, "page_size": 2048, "data_format": "bf16",
         "total_bytes": 98304, "core_ranges": all_cores},
        {"index": 2, "pages": 32, "page_size": 2048, "data_format": "bf16",
         "total_bytes": 65536, "core_ranges": all_cores},
        {"index": 3, "pages": 32, "page_size": 2048, "data_format": "bf16",
         "total_bytes": 65536, "core_ranges": all_cores},
        {"index": 16, "pages": 32, "page_size": 2048, "data_format": "bf16",
         "total_bytes": 65536, "core_ranges": all_cores},
        {"index": 24, "pages": 16, "page_size": 4096, "data_format": "f32",
         "total_bytes": 65536, "core_ranges": all_cores},
    ]


def test_gemm_kernels(gemm_plan) -> None:
    reader, compute, writer = gemm_plan["kernels"]
    assert [(k["name"], k["file"], k["role"], k["processor"], k.get("noc"))
            for k in gemm_plan["kernels"]] == [
        ("reader", "reader.cpp", "reader", "riscv_1", "noc_1"),
        ("compute", "compute.cpp", "compute", "compute", None),
        ("writer", "writer.cpp", "writer", "riscv_0", "noc_0"),
    ]
    for kernel in (reader, compute, writer):
        assert kernel["core_ranges"] == [{"start": [0, 0], "end": [7, 7]}]

    # Reader: A's CB words (0, and 2 for the streamed steps' wider A blocks), then A's
    # accessor config (IsDram = 2) and page size; it multicasts A along core rows. The
    # writer moves B (tt-schedule-multicast's two movers).
    assert reader["compile_time_args"] == [0, 2, 2, 2048]
    assert reader["compile_time_args_layout"] == [
        {"kind": "cb", "index": 0},
        {"kind": "cb", "index": 2},
        {"kind": "accessor_config", "index": 0},
        {"kind": "page_size", "index": 0},
    ]

    def mcast_args(axis: str) -> list[dict[str, Any]]:
        return [
            {"name": f"{axis}_mcast_{what}", "type": "u32", "kind": f"mcast_{what}", "axis": axis}
            for what in ("sender", "sender_x", "sender_y", "start_x", "start_y", "end_x", "end_y")
        ]

    units = [
        {"name": "start_unit", "type": "u32", "kind": "start_unit"},
        {"name": "num_units", "type": "u32", "kind": "num_units"},
    ]
    assert reader["runtime_args"] == [
        {"name": "tensor0_addr", "type": "u32", "kind": "buffer_address", "tensor": 0},
        *units,
        *mcast_args("row"),
    ]
    assert "compute_config" not in reader

    # Compute: its CB words: A, B, the streamed steps' A and B, the output and the
    # partial-sum CB.
    assert compute["compile_time_args"] == [0, 1, 2, 3, 16, 24]
    assert compute["compile_time_args_layout"] == [
        {"kind": "cb", "index": 0},
        {"kind": "cb", "index": 1},
        {"kind": "cb", "index": 2},
        {"kind": "cb", "index": 3},
        {"kind": "cb", "index": 16},
        {"kind": "cb", "index": 24},
    ]
    assert compute["runtime_args"] == [
        {"name": "start_unit", "type": "u32", "kind": "start_unit"},
        {"name": "num_units", "type": "u32", "kind": "num_units"},
    ]
    assert compute["compute_config"] == {
        "math_fidelity": "hifi4",
        "fp32_dest_acc": True,
        "dst_full_sync": False,
    }

    # Writer: B's CB words (the loop's and the streamed steps'), C's, then B's and C's
    # accessor words; it multicasts B down core columns, then stores C.
    assert writer["compile_time_args"] == [1, 3, 16, 2, 2048, 2, 2048]
    assert writer["runtime_args"] == [
        {"name": "tensor1_addr", "type": "u32", "kind": "buffer_address", "tensor": 1},
        {"name": "tensor2_addr", "type": "u32", "kind": "buffer_address", "tensor": 2},
        *units,
        *mcast_args("column"),
    ]


def test_blackhole_plan_names_the_arch() -> None:
    assert plan_of(compiled(GEMM.read_text(), "tt-pipeline{arch=blackhole}"))["arch"] == "blackhole"


# --------------------------------------------------------------------------- agreement with the IR


def test_cores_agree_with_the_partition(example) -> None:
    module, plan = example
    program = find_program(module, "a plan")
    partition = program.work_partition
    assert isinstance(partition, WorkPartitionAttr)
    expected = {core: (start, count) for core, start, count in partition.assignments()}
    got = {tuple(c["core"]): (c["start"], c["count"]) for c in plan["cores"]}
    assert got == expected
    keys = [(c["core"][1], c["core"][0]) for c in plan["cores"]]
    assert keys == sorted(keys)
    # Every unit once, and every working core is in every kernel's and CB's ranges.
    units = sorted(u for c in plan["cores"] for u in range(c["start"], c["start"] + c["count"]))
    assert units == list(range(partition.num_units))
    assert plan["grid"] == list(partition.grid_shape)

    def covered(ranges):
        return {
            (x, y)
            for r in ranges
            for y in range(r["start"][1], r["end"][1] + 1)
            for x in range(r["start"][0], r["end"][0] + 1)
        }

    for holder in (*plan["kernels"], *plan["cbs"]):
        assert covered(holder["core_ranges"]) == set(expected)


def test_kernels_and_compile_time_args_are_consistent(example) -> None:
    _, plan = example
    cb_indices = {cb["index"] for cb in plan["cbs"]}
    for kernel in plan["kernels"]:
        layout = kernel["compile_time_args_layout"]
        assert len(layout) == len(kernel["compile_time_args"])
        for word, arg in zip(kernel["compile_time_args"], layout):
            if arg["kind"] == "cb":
                assert arg["index"] in cb_indices and word == arg["index"]
            elif arg["kind"] == "page_size":
                assert word == plan["tensors"][arg["index"]]["layout"]["page_size"]
        for arg in kernel["runtime_args"]:
            if arg["kind"] == "buffer_address":
                # The reader loads inputs; outputs are stored by the writer only (which
                # may also load an input: a multicast load it moves).
                role = plan["tensors"][arg["tensor"]]["role"]
                assert kernel["role"] != "reader" or role == "input"
                assert role != "output" or kernel["role"] == "writer"


def test_cb_core_ranges_are_the_cbs_own(validator) -> None:
    """A CB's cores are its descriptor's, whatever the kernels run on."""
    module = compiled(GEMM.read_text(), "tt-pipeline{grid=3x3}")
    program = find_program(module, "a plan")
    first, *rest = program.cbs.data
    cores = CoreRangeSetAttr([CoreRangeAttr((0, 0), (2, 0)), CoreRangeAttr((0, 1), (2, 2))])
    program.properties["cbs"] = ArrayAttr([first.on(cores), *rest])
    plan = plan_of(module)
    validator.validate(plan)
    assert plan["cbs"][0]["core_ranges"] == [
        {"start": [0, 0], "end": [2, 0]},
        {"start": [0, 1], "end": [2, 2]},
    ]
    assert plan["cbs"][1]["core_ranges"] == plan["kernels"][0]["core_ranges"]


# --------------------------------------------------------------------------- determinism


def test_plan_text_is_deterministic(gemm_module) -> None:
    first = plan_json(gemm_module)
    assert first.endswith("}\n")
    assert plan_json(gemm_module) == first
    assert plan_json(compiled(GEMM.read_text())) == first
    assert first == json.dumps(json.loads(first), indent=2) + "\n"


def test_plan_text_does_not_depend_on_the_hash_seed(gemm_module) -> None:
    script = (
        "import sys\n"
        "from tt_dialect.api import apply_pipeline, make_context, parse_module\n"
        "from tt_dialect.emit.plan import plan_json\n"
        "ctx = make_context()\n"
        "m = parse_module(open(sys.argv[1]).read(), ctx)\n"
        "apply_pipeline(m, 'tt-pipeline{grid=3x3}', ctx)\n"
        "sys.stdout.write(plan_json(m))\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(GEMM)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True, timeout=300,
        ).stdout
        for seed in ("0", "4242")
    ]
    assert outputs[0] == outputs[1]
    assert outputs[0] == plan_json(compiled(GEMM.read_text(), "tt-pipeline{grid=3x3}"))


# --------------------------------------------------------------------------- the schema is not vacuous


def _drop(key):
    def mutate(plan):
        del plan[key]
    return mutate


def _set(path, value):
    def mutate(plan):
        target = plan
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return mutate


def _del(path):
    def mutate(plan):
        target = plan
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return mutate


BROKEN = {
    "missing arch": _drop("arch"),
    "missing kernels": _drop("kernels"),
    "grid as text": _set(["grid"], "8x8"),
    "grid of three": _set(["grid"], [8, 8, 1]),
    "unknown arch": _set(["arch"], "grayskull"),
    "missing device": _drop("device"),
    "an arch as device": _set(["device"], "wormhole_b0"),
    "schema version 2": _set(["schema_version"], 2),
    "missing metal_version": _drop("metal_version"),
    "unknown metal_version": _set(["metal_version"], "0.80"),
    "extra top-level key": _set(["comment"], "hi"),
    "shape as strings": _set(["tensors", 0, "shape"], ["1024", "1024"]),
    "unknown tensor role": _set(["tensors", 0, "role"], "inout"),
    "tensor named from SSA": _set(["tensors", 0, "name"], "A"),
    "interleaved with shard": _set(
        ["tensors", 0, "layout", "shard"],
        {"grid": [1, 1], "shard": [32, 32], "orientation": "row_major"},
    ),
    "negative core": _set(["cores", 0, "core"], [-1, 0]),
    "zero unit count": _set(["cores", 0, "count"], 0),
    "cb pages as float": _set(["cbs", 0, "pages"], 4.5),
    "unknown cb format": _set(["cbs", 0, "data_format"], "fp8"),
    "cb without core ranges": _del(["cbs", 0, "core_ranges"]),
    "global with shard_blocks": _set(["partition", "mode"], "global"),
    "block_2d without shard_blocks": _set(["partition", "shard_blocks"], []),
    "mcast value without axis": _del(["kernels", 0, "runtime_args", 4, "axis"]),
    "start_unit with axis": _set(["kernels", 0, "runtime_args", 2, "axis"], "row"),
    "diagonal axis": _set(["kernels", 0, "runtime_args", 4, "axis"], "diagonal"),
    "buffer_address without tensor": _del(["kernels", 0, "runtime_args", 0, "tensor"]),
    "start_unit with tensor": _set(["kernels", 0, "runtime_args", 2, "tensor"], 0),
    "reader on riscv_0": _set(["kernels", 0, "processor"], "riscv_0"),
    "reader without noc": _del(["kernels", 0, "noc"]),
    "compute without config": _del(["kernels", 1, "compute_config"]),
    "compute with noc": _set(["kernels", 1, "noc"], "noc_0"),
    "bad math fidelity": _set(["kernels", 1, "compute_config", "math_fidelity"], "hifi5"),
    "compile-time word too big": _set(["kernels", 0, "compile_time_args", 0], 2**32),
    "unknown compile-time kind": _set(["kernels", 0, "compile_time_args_layout", 0, "kind"], "x"),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_broken_plans_fail_validation(gemm_plan, validator, mutate) -> None:
    validator.validate(gemm_plan)
    broken = copy.deepcopy(gemm_plan)
    mutate(broken)
    assert not validator.is_valid(broken)


def _described(schema: dict[str, Any], path: str) -> list[str]:
    """Paths of the properties and definitions that lack a description."""
    missing = []
    for name, sub in schema.get("properties", {}).items():
        if "description" not in sub:
            missing.append(f"{path}/properties/{name}")
        missing += _described(sub, f"{path}/properties/{name}")
    for name, sub in schema.get("$defs", {}).items():
        if "description" not in sub:
            missing.append(f"{path}/$defs/{name}")
        missing += _described(sub, f"{path}/$defs/{name}")
    return missing


def test_every_field_of_the_schema_is_described() -> None:
    schema = plan_schema()
    assert schema.get("description")
    assert _described(schema, "#") == []


def test_objects_are_closed_and_list_their_required_fields() -> None:
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    found = list(objects(plan_schema()))
    assert found
    for obj in found:
        assert obj.get("additionalProperties") is False
        assert set(obj["required"]) <= set(obj["properties"])


def test_schema_enums_match_the_dialect() -> None:
    defs = plan_schema()["$defs"]
    assert defs["arch"]["enum"] == [a.value for a in Arch]
    assert defs["data_format"]["enum"] == [f.value for f in DataFormat]
    assert defs["orientation"]["enum"] == [o.value for o in ShardOrientation]
    assert defs["partition"]["properties"]["mode"]["enum"] == [m.value for m in PartitionMode]
    assert defs["compute_config"]["properties"]["math_fidelity"]["enum"] == [
        m.value for m in MathFidelity
    ]
    assert defs["runtime_arg"]["properties"]["kind"]["enum"] == [k.value for k in ArgKind]
    assert defs["compile_time_arg"]["properties"]["kind"]["enum"] == [
        k.value for k in CompileTimeArgKind
    ]


# --------------------------------------------------------------------------- errors


def test_a_module_without_a_program_is_an_error() -> None:
    module = compiled(GEMM.read_text(), "tt-metadata")
    with pytest.raises(TTDiagnostic, match="holds no tt.program"):
        plan_of(module)


def test_a_module_with_two_programs_is_an_error() -> None:
    module = compiled(GEMM.read_text())
    other = compiled(ADD.read_text())
    program = find_program(other, "a plan")
    program.detach()
    module.body.block.add_op(program)
    with pytest.raises(TTDiagnostic, match=r"holds 2 tt.programs \(@gemm, @add\)"):
        plan_of(module)
    # A program can still be planned on its own.
    assert plan_of(program)["program"] == "add"


def test_a_program_before_finalize_has_no_compile_time_args() -> None:
    module = compiled(
        GEMM.read_text(),
        "tt-metadata,tt-schedule-compute,tt-lower-tile-ops,tt-lower-shared-to-cb,tt-insert-cb-protocol,"
        "tt-split-kernels",
    )
    with pytest.raises(TTDiagnostic, match="has no compile_time_args; run tt-finalize-runtime-args"):
        plan_of(module)


def test_a_program_without_its_partition_is_an_error() -> None:
    module = compiled(GEMM.read_text())
    program = find_program(module, "a plan")
    assert isinstance(program, ProgramOp)
    del program.properties["work_partition"]
    with pytest.raises(TTDiagnostic, match="has no work_partition"):
        plan_of(program)
