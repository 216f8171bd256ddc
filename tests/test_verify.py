"""tt-verify accepts what the pipeline produces and rejects each way of breaking it.

The two examples are compiled with `tt-pipeline` and must verify on their own
device and, where they fit, on the other architecture. Each case then breaks the
printed program in one place, by a textual mutation that violates one rule of
`tt_dialect/transforms/verify.py`, and requires `tt-verify` to fail with that
rule's message at the op it names. Every mutation checks that its pattern
occurs (as often as expected), so an edit of the pipeline's output cannot turn
a case into a no-op that passes for the wrong reason.

Some rules are checked by the op verifiers before tt-verify runs (a DST index
beyond capacity, a compute op in a reader kernel); those cases pin the op
verifier's message, which is what a user sees.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tt_dialect.api import parse_module, run_pipeline
from tt_dialect.diagnostics import TTDiagnostic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "gemm": ROOT / "examples" / "gemm" / "gemm.mlir",
    "add": ROOT / "examples" / "elementwise" / "add.mlir",
}

WORMHOLE = "tt-pipeline{arch=wormhole_b0}"
BLACKHOLE = "tt-pipeline{arch=blackhole multicast=none}"
"""The whole blackhole grid (a multicast gemm would keep to an 8x8 rectangle)."""
BLACKHOLE_8X8 = "tt-pipeline{arch=blackhole grid=8x8}"
"""A blackhole program on an n150's 8x8 cores: only the mutation breaks it there."""


@functools.cache
def compiled(example: str, pipeline: str) -> str:
    text = run_pipeline(EXAMPLES[example].read_text(), pipeline, file_name=EXAMPLES[example].name)
    # tt-pipeline ends with tt-verify (unless verify=false); verify explicitly
    # too, so the baseline does not depend on that default.
    return run_pipeline(text, "tt-verify")


# --------------------------------------------------------------------------- baselines


@pytest.mark.parametrize("pipeline", [WORMHOLE, BLACKHOLE, BLACKHOLE_8X8])
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_pipeline_output_verifies_on_its_own_device(example: str, pipeline: str) -> None:
    text = compiled(example, pipeline)
    card = "p150" if pipeline in (BLACKHOLE, BLACKHOLE_8X8) else "n150"
    assert f"tt.program @{example} attributes {{device = #tt.device<{card}>" in text
    assert text.count("tt.kernel @") == 3
    # Verifying is idempotent and changes nothing.
    assert run_pipeline(text, f"tt-verify{{device={card}}}") == text


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_wormhole_program_verifies_on_blackhole(example: str) -> None:
    text = compiled(example, WORMHOLE)
    assert run_pipeline(text, "tt-verify{arch=blackhole}") == text


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_blackhole_program_on_eight_columns_verifies_on_wormhole(example: str) -> None:
    text = compiled(example, BLACKHOLE_8X8)
    assert run_pipeline(text, "tt-verify{arch=wormhole_b0}") == text


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_full_grid_blackhole_program_does_not_fit_wormhole(example: str) -> None:
    with pytest.raises(TTDiagnostic) as info:
        run_pipeline(compiled(example, BLACKHOLE), "tt-verify{arch=wormhole_b0}")
    assert info.value.message == (
        "'tt.kernel' op core range (0, 0) to (12, 3) lies outside the 8x8 worker grid "
        "of n150 (wormhole_b0)"
    )


# --------------------------------------------------------------------------- mutation helpers


def sub(text: str, old: str, new: str, count: int = 1, replace: int | None = None) -> str:
    """`text` with `old` replaced by `new`; `old` must occur exactly `count`
    times. `replace` limits the replacement to the first occurrences."""
    found = text.count(old)
    assert found == count, f"expected {count} occurrence(s) of {old!r}, found {found}"
    return text.replace(old, new, -1 if replace is None else replace)


def delete_line(text: str, line: str, count: int = 1, which: int = 0) -> str:
    """Deletes occurrence `which` of the line whose stripped text is `line`."""
    lines = text.split("\n")
    hits = [i for i, current in enumerate(lines) if current.strip() == line]
    assert len(hits) == count, f"expected {count} line(s) {line!r}, found {len(hits)}"
    del lines[hits[which]]
    return "\n".join(lines)


def swap_lines(text: str, a: str, b: str, count: int = 1, which: int = 0) -> str:
    """Swaps occurrence `which` of line `a` with occurrence `which` of line `b`;
    each must occur `count` times."""
    lines = text.split("\n")
    ia = [i for i, current in enumerate(lines) if current.strip() == a]
    ib = [i for i, current in enumerate(lines) if current.strip() == b]
    assert len(ia) == count and len(ib) == count, (a, len(ia), b, len(ib))
    lines[ia[which]], lines[ib[which]] = lines[ib[which]], lines[ia[which]]
    return "\n".join(lines)


def kernel(text: str, name: str) -> tuple[int, int]:
    """Start and end offsets of kernel `@name` (up to the next kernel or the program's end)."""
    start = text.index(f"tt.kernel @{name} ")
    following = text.find("tt.kernel @", start + 1)
    return start, following if following != -1 else len(text)


def in_kernel(text: str, name: str, edit: Callable[[str], str]) -> str:
    start, end = kernel(text, name)
    return text[:start] + edit(text[start:end]) + text[end:]


def _split_types(types: str) -> list[str]:
    """`!tt.cb<32, bf16>, index` -> ['!tt.cb<32, bf16>', 'index'] (commas inside <> kept)."""
    parts, depth, current = [], 0, ""
    for char in types:
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def retype_cb(text: str, value: str, new_type: str) -> str:
    """Gives every occurrence of SSA value `value` (a tt.get_cb result, e.g.
    `%cb1`) the type `new_type`, in its defining `tt.get_cb` and in the type
    list of every op that uses it, matched by operand position."""
    name = re.compile(rf"{re.escape(value)}\b")
    out, changed = [], 0
    for line in text.split("\n"):
        if not name.search(line) or " : " not in line:
            out.append(line)
            continue
        head, types = line.rsplit(" : ", 1)
        defines = re.match(r"\s*%\w+ = ", head)
        result, _, call = head.partition(" = ") if defines else ("", "", head)
        type_list = _split_types(types)
        if result.strip() == value:
            assert "tt.get_cb" in call and len(type_list) == 1, line
            type_list = [new_type]
        else:
            operands = re.findall(r"%\w+", call)
            assert len(operands) == len(type_list), line
            type_list = [new_type if op == value else t for op, t in zip(operands, type_list)]
        out.append(f"{head} : {', '.join(type_list)}")
        changed += 1
    assert changed >= 2, f"{value} is neither defined nor used"
    return "\n".join(out)


# --------------------------------------------------------------------------- mutations


@dataclass(frozen=True)
class Mutation:
    id: str
    """`<example>-<what breaks>`."""
    pipeline: str
    """How the example is compiled before the mutation."""
    mutate: Callable[[str], str]
    op: str
    """The op the diagnostic names; the line it points at must hold that op."""
    message: str
    """A fragment of the expected diagnostic, after `'<op>' op `."""
    verify: str = "tt-verify"
    """The tt-verify invocation that must fail. With another `arch`, the mutated
    program must still verify on its own device: only that arch makes it wrong."""
    op_verifier: bool = False
    """The op verifiers (run on parsing) report it, before tt-verify's own checks."""

    @property
    def example(self) -> str:
        return self.id.split("-", 1)[0]


def _gemm_l1_cbs(text: str) -> str:
    # CB 16 (C's output block) grows to 800 pages: 800 * 2048 B alone exceed L1.
    # With CBs 0 and 1 (48 * 2048 B each), 2 and 3 (32 * 2048 B each) and the partial
    # sums' CB 24 (16 * 4096 B): 1,638,400 + 196,608 + 131,072 + 65,536 = 2,031,616 B.
    text = sub(text, "#tt.cb_desc<index = 16, pages = 32,", "#tt.cb_desc<index = 16, pages = 800,")
    return retype_cb(text, "%cb16", "!tt.cb<800, bf16>")


def _add_l1_shards(text: str) -> str:
    # Inputs 0 and 1 become L1-sharded over 1x2 cores: 1 MiB per core each.
    # Either fits beside the 192 KiB of CBs; both do not.
    dram = "#tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>"
    l1 = (
        "#tt.buffer_layout<l1, sharded, bf16, tile = [32, 32], tiles = [32, 32], "
        "shard = #tt.shard_spec<grid = [1, 2], shard = [32, 16], row_major>>"
    )
    return sub(text, dram, l1, count=3, replace=2)


def _cb16_to_40(text: str) -> str:
    text = sub(text, "#tt.cb_desc<index = 16,", "#tt.cb_desc<index = 40,")
    text = sub(text, "cb(16) = 16", "cb(40) = 40", count=2)
    return sub(text, "tt.get_cb 16 :", "tt.get_cb 40 :", count=2)


def _gemm_drop_pop(text: str) -> str:
    # The writer stores C in a loop over bands of 4 pages (the streamed output).
    return delete_line(text, "tt.cb_pop_front %cb16, 4 : !tt.cb<32, bf16>")


def _add_push_half(text: str) -> str:
    return sub(text, "tt.cb_push_back %cb0, 16 :", "tt.cb_push_back %cb0, 8 :")


def _add_second_producer(text: str) -> str:
    # The writer pushes CB 0 too, balanced, after its own get_cb (and names it in its
    # compile-time arguments, after its accessor's words).
    def edit(writer: str) -> str:
        writer = sub(writer, "page_size(2) = 2048]>", "page_size(2) = 2048, cb(0) = 0]>")
        return sub(
            writer,
            "%cb16 = tt.get_cb 16 : !tt.cb<32, bf16>\n",
            "%cb16 = tt.get_cb 16 : !tt.cb<32, bf16>\n"
            "      %cb0 = tt.get_cb 0 : !tt.cb<32, bf16>\n"
            "      tt.cb_reserve_back %cb0, 16 : !tt.cb<32, bf16>\n"
            "      tt.cb_push_back %cb0, 16 : !tt.cb<32, bf16>\n",
        )

    return in_kernel(text, "writer", edit)


def _gemm_no_consumer(text: str) -> str:
    # The writer's loop over the bands of the streamed output.
    text = delete_line(text, "tt.cb_wait_front %cb16, 4 : !tt.cb<32, bf16>")
    return delete_line(text, "tt.cb_pop_front %cb16, 4 : !tt.cb<32, bf16>")


def _gemm_commit_first(text: str) -> str:
    # The K loop's first DST section: its commit moves up to where its acquire was.
    # (4 sections per K block with 2x2 subblocks, 4 more copying the partial sums out.)
    return swap_lines(text, "tt.tile_regs_acquire", "tt.tile_regs_commit", count=8)


def _add_no_first_acquire(text: str) -> str:
    return delete_line(text, "tt.tile_regs_acquire", count=2, which=0)


def _add_no_first_wait(text: str) -> str:
    return delete_line(text, "tt.tile_regs_wait", count=2, which=0)


def _gemm_acquire_in_k_loop(text: str) -> str:
    # One more acquire at the end of the k loop's body, after its sections'
    # balanced acquire ... release: each iteration acquires once more, none commits.
    def edit(compute: str) -> str:
        end = re.compile(r"^( *)(\} \{tt\.pipeline = .*\n)", re.MULTILINE)
        assert len(end.findall(compute)) == 1
        return end.sub(
            lambda m: f"{m.group(1)}  tt.tile_regs_acquire\n{m.group(1)}{m.group(2)}", compute
        )

    return in_kernel(text, "compute", edit)


def _add_acquire_at_end(text: str) -> str:
    # One more acquire after the unit loop, at the end of the compute kernel.
    def edit(compute: str) -> str:
        tail = "\n      }\n    }\n    "
        assert compute.endswith(tail), compute[-40:]
        return compute[: -len(tail)] + "\n      }\n      tt.tile_regs_acquire\n    }\n    "

    return in_kernel(text, "compute", edit)


def _gemm_dst_9(text: str) -> str:
    # The first matmul_block of the K loop writes its 1x4 subblock from DST[9].
    first = "%c0_2, %c0_2, dst = 0, ct = 4, rt = 1"
    return sub(text, first, first.replace("dst = 0", "dst = 9"))


def _gemm_subblock_past_dst(text: str) -> str:
    # The same subblock from DST[1]: index 1 is valid, its 1x4 tiles 1..4 are not.
    first = "%c0_2, %c0_2, dst = 0, ct = 4, rt = 1"
    return sub(text, first, first.replace("dst = 0", "dst = 1"))


def _gemm_compute_op_in_reader(text: str) -> str:
    def edit(reader: str) -> str:
        barrier = "tt.noc_async_read_barrier\n"
        acquire = "            tt.tile_regs_acquire\n"
        # After the barrier of A's reads in the K loop (the writer kernel moves B; the
        # second barrier is the peeled last step's).
        return sub(reader, barrier, barrier + acquire, count=2, replace=1)

    return in_kernel(text, "reader", edit)


def _gemm_two_tensors(text: str) -> str:
    # The program's tensors lose tensor 2 (the writer's C).
    layout = "#tt.buffer_layout<dram, interleaved, bf16, tile = [32, 32], tiles = [32, 32]>"
    return sub(text, f", #tt.tensor<output, {layout}>]", "]")


def _drop_partition(text: str) -> str:
    # The program loses its work partition: nothing says what start_unit is on a core.
    return re.sub(r"work_partition = #tt\.work_partition<.*?\]>, ", "", text, count=1)


def _add_reader_on_row_8(text: str) -> str:
    # The reader also runs on row 8, where the partition assigns no units.
    old = "tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 7)]>"
    new = "tt.kernel @reader reader on #tt.core_ranges<[(0, 0) to (7, 8)]>"
    return in_kernel(text, "reader", lambda reader: sub(reader, old, new))


def _shift_right_3(text: str) -> str:
    # The whole program moves 3 columns right, to columns 3-10 (a p150 has 13).
    text = sub(text, "grid = [8, 8], blocks", "grid = [8, 11], blocks")
    text = sub(text, "<(0, 0) to (7, 7), start = 0", "<(3, 0) to (10, 7), start = 0")
    cores = "#tt.core_ranges<[(0, 0) to (7, 7)]>"
    text = sub(text, "cores = [(0, 0) to (7, 7)]>", "cores = [(3, 0) to (10, 7)]>", count=text.count("cores = [(0, 0) to (7, 7)]>"))
    return sub(text, cores, "#tt.core_ranges<[(3, 0) to (10, 7)]>", count=3)


def _cb1_to_i32(text: str) -> str:
    text = re.sub(
        r"#tt\.cb_desc<index = 1, pages = (\d+), page_size = 2048, bf16",
        r"#tt.cb_desc<index = 1, pages = \1, page_size = 4096, i32",
        text,
    )
    assert "page_size = 4096, i32" in text
    pages = re.search(r"%cb1 = tt\.get_cb 1 : !tt\.cb<(\d+), bf16>", text)
    assert pages is not None
    return retype_cb(text, "%cb1", f"!tt.cb<{pages.group(1)}, i32>")


FPU = "the FPU computes on bf16, bfp4_b, bfp8_b, f16, f32"

WH_ARCH = "tt-verify{arch=wormhole_b0}"

MUTATIONS = [
    # 1. L1
    Mutation(
        "gemm-l1-cb-pages", WORMHOLE, _gemm_l1_cbs, "tt.program",
        "L1 overflow on core (0,0): CBs need 2,031,616 B, n150 (wormhole_b0) has 1,499,136 B",
    ),
    Mutation(
        "add-l1-sharded-inputs", WORMHOLE, _add_l1_shards, "tt.program",
        "L1 overflow on core (0,0): CBs and L1 buffers need 2,293,760 B "
        "(CBs 196,608 B, buffers 2,097,152 B), n150 (wormhole_b0) has 1,499,136 B",
    ),
    # 2. CBs
    Mutation(
        "gemm-cb40-on-wormhole", BLACKHOLE_8X8, _cb16_to_40, "tt.program",
        "CB index 40 is out of range: n150 (wormhole_b0) has CBs 0..31", verify=WH_ARCH,
    ),
    Mutation(
        "add-cb40-on-wormhole", BLACKHOLE_8X8, _cb16_to_40, "tt.program",
        "CB index 40 is out of range: n150 (wormhole_b0) has CBs 0..31", verify=WH_ARCH,
    ),
    # 3. CB protocol
    Mutation(
        "gemm-writer-pops-nothing", WORMHOLE, _gemm_drop_pop, "tt.cb_wait_front",
        "CB 16: 4 pages waited for but 0 popped in this loop iteration",
    ),
    Mutation(
        "add-reader-pushes-half", WORMHOLE, _add_push_half, "tt.cb_reserve_back",
        "CB 0: 16 pages reserved but 8 pushed in this loop iteration",
    ),
    Mutation(
        "add-writer-pushes-cb0", WORMHOLE, _add_second_producer, "tt.program",
        "CB 0 is produced by 2 kernels (@reader, @writer); "
        "every CB has exactly one producer and one consumer",
    ),
    Mutation(
        "gemm-cb16-unconsumed", WORMHOLE, _gemm_no_consumer, "tt.program",
        "CB 16 is consumed by no kernel; every CB has exactly one producer and one consumer",
    ),
    # 4. DST
    Mutation(
        "gemm-commit-before-acquire", WORMHOLE, _gemm_commit_first, "tt.tile_regs_commit",
        "out of order: DST is idle here; tt.tile_regs_commit needs it acquired "
        "(acquire, commit, wait, release)",
    ),
    Mutation(
        "add-math-without-acquire", WORMHOLE, _add_no_first_acquire, "tt.add_tiles",
        "writes DST while DST is idle; math runs between tile_regs_acquire and tile_regs_commit",
    ),
    Mutation(
        "add-pack-without-wait", WORMHOLE, _add_no_first_wait, "tt.pack_tile",
        "reads DST while DST is committed; packs run between tile_regs_wait and tile_regs_release",
    ),
    Mutation(
        "gemm-acquire-in-k-loop", WORMHOLE, _gemm_acquire_in_k_loop, "scf.for",
        "leaves DST acquired after an iteration that started with it idle; "
        "DST sections must be balanced inside the loop",
    ),
    Mutation(
        "add-dst-left-acquired", WORMHOLE, _add_acquire_at_end, "tt.kernel",
        "DST is left acquired at the end of the kernel; release it",
    ),
    # Rule 4 too, but the op verifiers report these before tt-verify's own checks run.
    Mutation(
        "gemm-dst-9", WORMHOLE, _gemm_dst_9, "tt.matmul_block",
        "DST index 9 is out of range: DST holds 4 tiles "
        "(fp32 accumulation in double-buffered mode)", op_verifier=True,
    ),
    Mutation(
        "gemm-subblock-past-dst", WORMHOLE, _gemm_subblock_past_dst, "tt.matmul_block",
        "DST tiles 1..4 of the 1x4 output subblock are out of range: DST holds 4 tiles "
        "(fp32 accumulation in double-buffered mode)", op_verifier=True,
    ),
    Mutation(
        "gemm-compute-op-in-reader", WORMHOLE, _gemm_compute_op_in_reader, "tt.tile_regs_acquire",
        "is a compute op and cannot appear in reader kernel @reader; "
        "it belongs in a compute kernel", op_verifier=True,
    ),
    # 5. Runtime args
    Mutation(
        "gemm-no-partition", WORMHOLE, _drop_partition, "tt.kernel",
        "the host cannot set runtime argument 'start_unit': the program has no work_partition "
        "to take units from",
    ),
    # Rule 5 too, but the program contract's verifiers report these first.
    Mutation(
        "gemm-tensor2-missing", WORMHOLE, _gemm_two_tensors, "tt.kernel",
        "an accessor reaches tensor 2, but the program has 2 tensors", op_verifier=True,
    ),
    Mutation(
        "add-reader-core-without-units", BLACKHOLE_8X8, _add_reader_on_row_8, "tt.kernel",
        "runs on core (0, 8), which the work partition gives no work", op_verifier=True,
    ),
    # 6. Cores
    Mutation(
        "gemm-columns-3-10-on-wormhole", BLACKHOLE_8X8, _shift_right_3, "tt.kernel",
        "core range (3, 0) to (10, 7) lies outside the 8x8 worker grid of n150 (wormhole_b0)",
        verify=WH_ARCH,
    ),
    Mutation(
        "add-columns-3-10-on-wormhole", BLACKHOLE_8X8, _shift_right_3, "tt.kernel",
        "core range (3, 0) to (10, 7) lies outside the 8x8 worker grid of n150 (wormhole_b0)",
        verify=WH_ARCH,
    ),
    # 7. Data formats
    Mutation("gemm-cb1-i32", WORMHOLE, _cb1_to_i32, "tt.matmul_block", f"reads CB 1 in i32; {FPU}"),
    Mutation("add-cb1-i32", WORMHOLE, _cb1_to_i32, "tt.add_tiles", f"reads CB 1 in i32; {FPU}"),
]


@pytest.mark.parametrize("case", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation_is_rejected(case: Mutation) -> None:
    original = compiled(case.example, case.pipeline)
    mutated = case.mutate(original)
    assert mutated != original, "the mutation changed nothing"
    if case.op_verifier:
        with pytest.raises(TTDiagnostic):
            parse_module(mutated)
    else:
        parse_module(mutated)  # the IR itself is valid: tt-verify's rule catches it
    if case.verify != "tt-verify":
        run_pipeline(mutated, "tt-verify")
    with pytest.raises(TTDiagnostic) as info:
        run_pipeline(mutated, case.verify)
    error = info.value
    assert error.message.startswith(f"'{case.op}' op "), error.message
    assert case.message in error.message, error.message
    file_name, line, _column = error.location.rsplit(":", 2)
    assert file_name == "<input>"
    assert case.op in mutated.split("\n")[int(line) - 1], f"line {line} does not hold {case.op}"


def test_every_rule_has_a_mutation() -> None:
    fragments = {
        1: "L1 overflow",
        2: "CB index 40 is out of range",
        3: "pages waited for but",
        4: "DST is left acquired",
        5: "the host cannot set runtime argument",
        6: "lies outside the 8x8 worker grid",
        7: "the FPU computes on",
    }
    for rule, fragment in fragments.items():
        assert any(fragment in m.message for m in MUTATIONS), f"rule {rule} has no mutation"
    assert len(MUTATIONS) >= 12
