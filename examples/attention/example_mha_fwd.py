"""TileLang's flash-attention forward example (`example_mha_fwd_bhsd`), compiled for Tenstorrent.

The same program as TileLang's upstream `examples/flash_attention/example_mha_fwd_bhsd.py`,
with the imports changed to `tilelang_tt`, bfloat16 data (Tensix's 16-bit float) and no
autotuner. Q, K and V are (batch, heads, seq_len, dim); each block of `block_M` queries of
one head streams the K/V blocks through two chained gemms (Q K^T, then the probabilities
times V) with an online softmax in base 2 between them: the running maximum, the running
sum and the output accumulator are carried from one K/V block to the next, the output
rescaled every step. `--is_causal` masks keys after the query (`T.if_then_else` on the
indices, `-T.infinity`) and stops the loop at the diagonal. Run it with

    python examples/attention/example_mha_fwd.py [--batch B] [--heads H] [--seq_len S] [--dim D] [--is_causal] [--out DIR]

It compiles the kernel to TT-Metalium artifacts in DIR (default
`build/artifacts/example_mha_fwd`), runs them on the CPU emulator and checks the result
against numpy (softmax(Q K^T / sqrt(dim)) V in float64).
"""

import argparse
import sys

import numpy as np

import tilelang_tt as tilelang
import tilelang_tt.language as T
from tt_dialect.emu.report import check
from tt_dialect.samples import bf16_values


@tilelang.jit(out_idx=[3], target="tenstorrent")
def flashattn(batch, heads, seq_q, seq_kv, dim, is_causal, block_M=64, block_N=64, num_stages=1, threads=128):
    scale = (1.0 / dim)**0.5 * 1.44269504  # log2(e)
    q_shape = [batch, heads, seq_q, dim]
    kv_shape = [batch, heads, seq_kv, dim]
    dtype = "bfloat16"
    accum_dtype = "float"

    past_len = seq_kv - seq_q
    assert past_len >= 0, "seq_kv must be greater than or equal to seq_q"

    @T.macro
    def MMA0(
        K: T.Tensor(kv_shape, dtype),
        Q_shared: T.SharedBuffer([block_M, dim], dtype),
        K_shared: T.SharedBuffer([block_N, dim], dtype),
        acc_s: T.FragmentBuffer([block_M, block_N], accum_dtype),
        k: T.int32,
        bx: T.int32,
        by: T.int32,
        bz: T.int32,
    ):
        T.copy(K[bz, by, k * block_N:(k + 1) * block_N, :], K_shared)
        if is_causal:
            for i, j in T.Parallel(block_M, block_N):
                q_idx = bx * block_M + i + past_len
                k_idx = k * block_N + j
                acc_s[i, j] = T.if_then_else(q_idx >= k_idx, 0, -T.infinity(acc_s.dtype))
        else:
            T.clear(acc_s)
        T.gemm(Q_shared, K_shared, acc_s, transpose_B=True, policy=T.GemmWarpPolicy.FullRow)

    @T.macro
    def MMA1(
        V: T.Tensor(kv_shape, dtype),
        V_shared: T.SharedBuffer([block_N, dim], dtype),
        acc_s_cast: T.FragmentBuffer([block_M, block_N], dtype),
        acc_o: T.FragmentBuffer([block_M, dim], accum_dtype),
        k: T.int32,
        by: T.int32,
        bz: T.int32,
    ):
        T.copy(V[bz, by, k * block_N:(k + 1) * block_N, :], V_shared)
        T.gemm(acc_s_cast, V_shared, acc_o, policy=T.GemmWarpPolicy.FullRow)

    @T.macro
    def Softmax(
            acc_s: T.FragmentBuffer([block_M, block_N], accum_dtype),
            acc_s_cast: T.FragmentBuffer([block_M, block_N], dtype),
            scores_max: T.FragmentBuffer([block_M], accum_dtype),
            scores_max_prev: T.FragmentBuffer([block_M], accum_dtype),
            scores_scale: T.FragmentBuffer([block_M], accum_dtype),
            scores_sum: T.FragmentBuffer([block_M], accum_dtype),
            logsum: T.FragmentBuffer([block_M], accum_dtype),
    ):
        T.copy(scores_max, scores_max_prev)
        T.fill(scores_max, -T.infinity(accum_dtype))
        T.reduce_max(acc_s, scores_max, dim=1, clear=False)
        # To do causal softmax, we need to set the scores_max to 0 if it is -inf
        # This process is called Check_inf in FlashAttention3 code, and it only need to be done
        # in the first ceil_div(kBlockM, kBlockN) steps.
        # for i in T.Parallel(block_M):
        #     scores_max[i] = T.if_then_else(scores_max[i] == -T.infinity(accum_dtype), 0, scores_max[i])
        for i in T.Parallel(block_M):
            scores_scale[i] = T.exp2(scores_max_prev[i] * scale - scores_max[i] * scale)

        for i, j in T.Parallel(block_M, block_N):
            # Instead of computing exp(x - max), we compute exp2(x * log_2(e) -
            # max * log_2(e)) This allows the compiler to use the ffma
            # instruction instead of fadd and fmul separately.
            acc_s[i, j] = T.exp2(acc_s[i, j] * scale - scores_max[i] * scale)
        T.reduce_sum(acc_s, scores_sum, dim=1)
        for i in T.Parallel(block_M):
            logsum[i] = logsum[i] * scores_scale[i] + scores_sum[i]
        T.copy(acc_s, acc_s_cast)

    @T.macro
    def Rescale(
            acc_o: T.FragmentBuffer([block_M, dim], accum_dtype),
            scores_scale: T.FragmentBuffer([block_M], accum_dtype),
    ):
        for i, j in T.Parallel(block_M, dim):
            acc_o[i, j] *= scores_scale[i]

    @T.prim_func
    def main(
            Q: T.Tensor(q_shape, dtype),
            K: T.Tensor(kv_shape, dtype),
            V: T.Tensor(kv_shape, dtype),
            Output: T.Tensor(q_shape, dtype),
    ):
        with T.Kernel(T.ceildiv(seq_q, block_M), heads, batch, threads=threads) as (bx, by, bz):
            Q_shared = T.alloc_shared([block_M, dim], dtype)
            K_shared = T.alloc_shared([block_N, dim], dtype)
            V_shared = T.alloc_shared([block_N, dim], dtype)
            O_shared = T.alloc_shared([block_M, dim], dtype)
            acc_s = T.alloc_fragment([block_M, block_N], accum_dtype)
            acc_s_cast = T.alloc_fragment([block_M, block_N], dtype)
            acc_o = T.alloc_fragment([block_M, dim], accum_dtype)
            scores_max = T.alloc_fragment([block_M], accum_dtype)
            scores_max_prev = T.alloc_fragment([block_M], accum_dtype)
            scores_scale = T.alloc_fragment([block_M], accum_dtype)
            scores_sum = T.alloc_fragment([block_M], accum_dtype)
            logsum = T.alloc_fragment([block_M], accum_dtype)

            T.copy(Q[bz, by, bx * block_M:(bx + 1) * block_M, :], Q_shared)
            T.fill(acc_o, 0)
            T.fill(logsum, 0)
            T.fill(scores_max, -T.infinity(accum_dtype))

            loop_range = (
                T.min(
                    T.ceildiv(seq_kv, block_N), T.ceildiv(
                        (bx + 1) * block_M +
                        past_len, block_N)) if is_causal else T.ceildiv(seq_kv, block_N))

            for k in T.Pipelined(loop_range, num_stages=num_stages):
                MMA0(K, Q_shared, K_shared, acc_s, k, bx, by, bz)
                Softmax(acc_s, acc_s_cast, scores_max, scores_max_prev, scores_scale, scores_sum,
                        logsum)
                Rescale(acc_o, scores_scale)
                MMA1(V, V_shared, acc_s_cast, acc_o, k, by, bz)
            for i, j in T.Parallel(block_M, dim):
                acc_o[i, j] /= logsum[i]
            T.copy(acc_o, O_shared)
            T.copy(O_shared, Output[bz, by, bx * block_M:(bx + 1) * block_M, :])

    return main


def ref_program(Q, K, V, is_causal):
    """softmax(Q K^T / sqrt(dim)) V in float64, keys after each query masked when causal
    (the last seq_q keys align with the queries, as upstream's `torch.tril(..., seq_kv - seq_q)`)."""
    dim = Q.shape[-1]
    scores = np.einsum("bhqd,bhkd->bhqk", Q.astype(np.float64), K.astype(np.float64)) / np.sqrt(dim)
    if is_causal:
        seq_q, seq_kv = Q.shape[2], K.shape[2]
        mask = np.tril(np.ones((seq_q, seq_kv), dtype=bool), seq_kv - seq_q)
        scores = np.where(mask, scores, -np.inf)
    scores -= scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return np.einsum("bhqk,bhkd->bhqd", weights, V.astype(np.float64))


def tolerance(V):
    """Absolute. Each output is a convex combination of V's rows. The probabilities are
    rounded to bfloat16 before the second gemm (`acc_s_cast`: relative 2^-9 each, at most
    2^-9 max|V| on the sum) and the output is rounded to bfloat16 (2^-9 of |O| <= max|V|):
    2^-8 max|V| together. The rest (fp32 scores and sums, the SFPU's exp2 and reciprocal) is
    below 1e-3 at these sizes."""
    return float(np.max(np.abs(V))) * 2.0**-8 + 1e-3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--heads", type=int, default=1)
    parser.add_argument("--seq_q", "--seq_len", type=int, default=256, dest="seq_q")
    parser.add_argument("--seq_kv", type=int, default=None, help="default: seq_q")
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--is_causal", action="store_true")
    parser.add_argument("--out", default="build/artifacts/example_mha_fwd")
    args = parser.parse_args()
    seq_kv = args.seq_q if args.seq_kv is None else args.seq_kv

    kernel = flashattn(args.batch, args.heads, args.seq_q, seq_kv, args.dim, args.is_causal)
    directory = kernel.write_artifacts(args.out)
    print(f"artifacts: {', '.join(sorted(kernel.artifacts))} in {directory}")

    rng = np.random.default_rng(0)
    q = bf16_values(rng, (args.batch, args.heads, args.seq_q, args.dim), -2.0, 2.0)
    k = bf16_values(rng, (args.batch, args.heads, seq_kv, args.dim), -2.0, 2.0)
    v = bf16_values(rng, (args.batch, args.heads, seq_kv, args.dim), -2.0, 2.0)
    out = kernel(q, k, v)
    shape = f"{args.batch}x{args.heads}x{args.seq_q}x{args.dim}{' causal' if args.is_causal else ''}"
    if not check(f"mha_fwd {shape} O = softmax(Q K^T / sqrt(d)) V", out, ref_program(q, k, v, args.is_causal),
                 tolerance(v), kernel.last_stats):
        sys.exit(1)


if __name__ == "__main__":
    main()
