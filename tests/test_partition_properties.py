"""Property tests of the work partition and the persistent loop that runs it.

Guards what a user relies on when `tt-metadata` splits an elementwise tile
program over cores: every output block is computed exactly once, work is
balanced (global mode) or stays on the core that holds the output shard
(local_shard mode), the runtime-argument schema matches what the host will
write, and the generated per-core loop really visits the blocks the partition
attribute promises. The last point is checked end to end by interpreting the
index arithmetic of the generated IR with each core's runtime arguments and
collecting the offsets of the output store.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, IntegerType, ModuleOp
from xdsl.ir import Block, SSAValue

from tt_dialect.api import apply_pipeline, make_context, parse_module
from tt_dialect.device import ARCH_DEFAULT_CARD, CARDS, TILE_COLS, TILE_ROWS, Arch
from tt_dialect.ops import annotations
from tt_dialect.ops.args import GetArgValOp
from tt_dialect.ops.attributes import ArgKind, RuntimeArgsAttr, WorkPartitionAttr
from tt_dialect.ops.tile_program import CopyOp

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

ARCHES = [Arch.WORMHOLE_B0, Arch.BLACKHOLE]
OUTPUT_ARG = 2
"""%C, the tensor the program stores to."""


# --------------------------------------------------------------------------- program text


def add_program(gx: int, gy: int, bm: int, bn: int, output_layout: str = "") -> str:
    """An elementwise add in the style of examples/elementwise/add.mlir: a
    (gx, gy) launch grid of BM x BN element blocks, block (bx, by) at
    C[by * BM, bx * BN]."""
    BM, BN = bm * TILE_ROWS, bn * TILE_COLS
    tensor = f"memref<{gy * BM}x{gx * BN}xbf16>"
    block = f"memref<{BM}x{BN}xbf16>"
    c_attr = f" {{tt.layout = {output_layout}}}" if output_layout else ""
    return f"""\
func.func @add(%A: {tensor}, %B: {tensor}, %C: {tensor}{c_attr}) {{
  tt.launch_grid (%bx, %by) in ({gx}, {gy}) {{
    %cBM = arith.constant {BM} : index
    %cBN = arith.constant {BN} : index
    %row = arith.muli %by, %cBM : index
    %col = arith.muli %bx, %cBN : index
    %a = tt.alloc_shared : {block}
    %b = tt.alloc_shared : {block}
    %c = tt.alloc_shared : {block}
    tt.copy %A[%row, %col] to %a : {tensor} to {block}
    tt.copy %B[%row, %col] to %b : {tensor} to {block}
    tt.add %a, %b to %c : {block}
    tt.copy %c to %C[%row, %col] : {block} to {tensor}
  }}
  func.return
}}
"""


def compile_metadata(text: str, options: str) -> func.FuncOp:
    ctx = make_context()
    module = parse_module(text, ctx)
    apply_pipeline(module, f"tt-metadata{{{options}}}", ctx)
    assert isinstance(module, ModuleOp)
    (program,) = [op for op in module.walk() if isinstance(op, func.FuncOp)]
    return program


def partition_and_schema(program: func.FuncOp) -> tuple[WorkPartitionAttr, RuntimeArgsAttr]:
    partition = program.attributes[annotations.WORK_PARTITION]
    schema = program.attributes[annotations.RUNTIME_ARGS]
    assert isinstance(partition, WorkPartitionAttr)
    assert isinstance(schema, RuntimeArgsAttr)
    return partition, schema


# --------------------------------------------------------------------------- host side


def fake_buffer_address(tensor: int) -> int:
    return 0x10000 * (tensor + 1)


def host_runtime_args(schema: RuntimeArgsAttr, start: int, count: int) -> list[int]:
    """The per-core runtime-argument words the host writes, as the schema asks."""
    values = []
    for entry in schema.args.data:
        match entry.arg_kind:
            case ArgKind.BUFFER_ADDRESS:
                values.append(fake_buffer_address(entry.tensor.data))
            case ArgKind.START_UNIT:
                values.append(start)
            case ArgKind.NUM_UNITS:
                values.append(count)
            case other:
                raise AssertionError(f"unexpected runtime argument kind {other}")
    return values


def check_schema(program: func.FuncOp, schema: RuntimeArgsAttr) -> None:
    kinds = [entry.arg_kind for entry in schema.args.data]
    assert kinds.count(ArgKind.START_UNIT) == 1
    assert kinds.count(ArgKind.NUM_UNITS) == 1
    addresses = [e.tensor.data for e in schema.args.data if e.arg_kind is ArgKind.BUFFER_ADDRESS]
    assert addresses == list(range(len(program.body.block.args)))


# --------------------------------------------------------------------------- IR evaluator


@dataclass
class CoreRun:
    stores: list[tuple[int, int]]
    """(row, col) offsets of every store to the output, in execution order."""


def run_core(program: func.FuncOp, runtime_args: list[int]) -> CoreRun:
    """Interprets the index arithmetic of `program` on one core.

    Only the ops the persistent loop and the add body use are understood; an
    unknown op that defines an index value fails the test rather than being
    guessed at. Data ops (allocs, copies, tt.add) have no index results and
    are skipped, except that stores to the output record their offsets.
    """
    env: dict[SSAValue, int] = {}
    stores: list[tuple[int, int]] = []
    output = program.body.block.args[OUTPUT_ARG]

    def value(v: SSAValue) -> int:
        assert v in env, f"evaluator has no value for %{v.name_hint} ({v.owner})"
        return env[v]

    def run_block(block: Block) -> None:
        for op in block.ops:
            match op:
                case arith.ConstantOp():
                    env[op.result] = op.value.value.data
                case arith.AddiOp():
                    env[op.result] = value(op.lhs) + value(op.rhs)
                case arith.MuliOp():
                    env[op.result] = value(op.lhs) * value(op.rhs)
                case arith.DivUIOp():
                    env[op.result] = value(op.lhs) // value(op.rhs)
                case arith.RemUIOp():
                    env[op.result] = value(op.lhs) % value(op.rhs)
                case arith.IndexCastOp():
                    env[op.result] = value(op.input)
                case GetArgValOp():
                    index = op.index.value.data
                    assert index < len(runtime_args), f"get_arg_val {index} is outside the schema"
                    env[op.result] = runtime_args[index]
                case scf.ForOp():
                    (iv,) = op.body.block.args
                    for i in range(value(op.lb), value(op.ub), value(op.step)):
                        env[iv] = i
                        run_block(op.body.block)
                case CopyOp() if op.dst is output:
                    row, col = (value(i) for i in op.dst_indices)
                    stores.append((row, col))
                case _:
                    assert not any(
                        isinstance(r.type, IndexType | IntegerType) for r in op.results
                    ), f"evaluator does not know {op.name}, which defines an index value"

    run_block(program.body.block)
    return CoreRun(stores)


# --------------------------------------------------------------------------- global mode


@st.composite
def global_cases(draw):
    arch = draw(st.sampled_from(ARCHES))
    max_rows, max_cols = CARDS[ARCH_DEFAULT_CARD[arch]].worker_grid
    return dict(
        arch=arch,
        gx=draw(st.integers(1, 12)),
        gy=draw(st.integers(1, 12)),
        bm=draw(st.integers(1, 8)),
        bn=draw(st.integers(1, 8)),
        rows=draw(st.integers(1, max_rows)),
        cols=draw(st.integers(1, max_cols)),
    )


@SETTINGS
@given(global_cases())
def test_global_partition_covers_every_block_once(case) -> None:
    arch, gx, gy, bm, bn = case["arch"], case["gx"], case["gy"], case["bm"], case["bn"]
    rows, cols = case["rows"], case["cols"]
    program = compile_metadata(
        add_program(gx, gy, bm, bn), f"arch={arch.value} grid={rows}x{cols}"
    )
    partition, schema = partition_and_schema(program)
    units = gx * gy
    assert partition.num_units == units
    assert partition.grid_shape == (rows, cols)
    assert partition.block_shape == (gy, gx)

    assignments = partition.assignments()
    cores = [core for core, _, _ in assignments]
    assert len(cores) == len(set(cores)), f"a core appears twice: {assignments}"
    assert all(x < cols and y < rows for x, y in cores), f"core outside {rows}x{cols}: {cores}"
    ranges = [r.cores for r in partition.ranges.data]
    for i, a in enumerate(ranges):
        for b in ranges[i + 1 :]:
            assert not a.overlaps(b), f"core ranges {a.bounds} and {b.bounds} overlap"

    owner: dict[int, tuple[int, int]] = {}
    for core, start, count in assignments:
        for unit in range(start, start + count):
            assert unit not in owner, f"unit {unit} on {owner[unit]} and {core}"
            owner[unit] = core
    assert sorted(owner) == list(range(units))
    counts = [count for _, _, count in assignments]
    assert max(counts) - min(counts) <= 1, f"unbalanced: {counts}"
    assert len(assignments) == min(units, rows * cols)

    check_schema(program, schema)

    BM, BN = bm * TILE_ROWS, bn * TILE_COLS
    expected = {(by * BM, bx * BN) for by in range(gy) for bx in range(gx)}
    seen: list[tuple[int, int]] = []
    for core, start, count in assignments:
        run = run_core(program, host_runtime_args(schema, start, count))
        stored = len(run.stores)
        assert stored == count, f"core {core} stored {stored} blocks, owns {count}"
        # The loop visits the units the partition gives this core, in order.
        assert run.stores == [
            (r * BM, c * BN) for r, c in map(partition.block_of, range(start, start + count))
        ]
        seen.extend(run.stores)
    assert len(seen) == len(set(seen)), "a block is stored twice"
    assert set(seen) == expected


# --------------------------------------------------------------------------- local_shard mode


def divisor_pairs(n: int, max_rows: int, max_cols: int) -> list[tuple[int, int]]:
    """The core grids [rows, cols] of `n` cores that fit a max_rows x max_cols grid."""
    return [
        (r, n // r)
        for r in range(1, n + 1)
        if n % r == 0 and r <= max_rows and n // r <= max_cols
    ]


@st.composite
def local_shard_cases(draw):
    arch = draw(st.sampled_from(ARCHES))
    max_rows, max_cols = CARDS[ARCH_DEFAULT_CARD[arch]].worker_grid
    shard_rows = draw(st.integers(1, 4))  # shards down the tensor
    shard_cols = draw(st.integers(1, 4))  # shards across the tensor
    grid = draw(st.sampled_from(divisor_pairs(shard_rows * shard_cols, max_rows, max_cols)))
    return dict(
        arch=arch,
        shard_rows=shard_rows,
        shard_cols=shard_cols,
        grid=grid,
        blocks_per_shard=(draw(st.integers(1, 3)), draw(st.integers(1, 3))),
        block_tiles=(draw(st.integers(1, 4)), draw(st.integers(1, 4))),
        orientation=draw(st.sampled_from(["row_major", "col_major"])),
    )


@SETTINGS
@given(local_shard_cases())
def test_local_shard_blocks_stay_in_their_shard(case) -> None:
    arch, orientation = case["arch"], case["orientation"]
    n_shard_rows, n_shard_cols = case["shard_rows"], case["shard_cols"]
    grid_rows, grid_cols = case["grid"]
    sbr, sbc = case["blocks_per_shard"]
    bm, bn = case["block_tiles"]
    sr, sc = sbr * bm, sbc * bn  # shard shape in tiles
    mt, nt = n_shard_rows * sr, n_shard_cols * sc
    gx, gy = n_shard_cols * sbc, n_shard_rows * sbr
    layout = (
        f"#tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [{mt}, {nt}], "
        f"shard = #tt.shard_spec<grid = [{grid_rows}, {grid_cols}], shard = [{sr}, {sc}], "
        f"{orientation}>>"
    )
    program = compile_metadata(
        add_program(gx, gy, bm, bn, layout), f"arch={arch.value} mode=local_shard"
    )
    partition, schema = partition_and_schema(program)
    check_schema(program, schema)

    def core_of_shard(k: int) -> tuple[int, int]:
        """(x, y) of the core holding shard k, as the shard spec distributes them."""
        if orientation == "row_major":
            y, x = divmod(k, grid_cols)
        else:
            x, y = divmod(k, grid_rows)
        return x, y

    assignments = {core: (start, count) for core, start, count in partition.assignments()}
    num_shards = n_shard_rows * n_shard_cols
    assert len(assignments) == num_shards
    assert set(assignments) == {core_of_shard(k) for k in range(num_shards)}

    TR, TC = TILE_ROWS, TILE_COLS
    BM, BN = bm * TR, bn * TC
    seen: list[tuple[int, int]] = []
    for k in range(num_shards):
        core = core_of_shard(k)
        start, count = assignments[core]
        assert count == sbr * sbc
        run = run_core(program, host_runtime_args(schema, start, count))
        assert len(run.stores) == count
        shard_row, shard_col = divmod(k, n_shard_cols)  # shards row-major over the tensor
        rows = range(shard_row * sr * TR, (shard_row + 1) * sr * TR)
        cols = range(shard_col * sc * TC, (shard_col + 1) * sc * TC)
        for row, col in run.stores:
            inside = row in rows and row + BM - 1 in rows and col in cols and col + BN - 1 in cols
            assert inside, (
                f"core {core} holds shard {k} (rows {rows.start}..{rows.stop - 1}, cols "
                f"{cols.start}..{cols.stop - 1}) but stores block at ({row}, {col})"
            )
        seen.extend(run.stores)
    assert len(seen) == len(set(seen)), "a block is stored twice"
    assert set(seen) == {(by * BM, bx * BN) for by in range(gy) for bx in range(gx)}
