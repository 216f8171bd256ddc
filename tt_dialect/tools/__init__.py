"""The command-line tools of tt-dialect and their helpers, as xDSL keeps `xdsl/tools/`:

- `tt_opt`: `tt-opt`, xDSL's opt driver with our dialect, passes and targets;
- `check_kernels`: `tt-check-kernels`, compiles an artifact directory's kernels against the
  real tt-metal v0.74.0 headers (`kernel_check/` holds its wrapper and stub sources);
- `emu`: `tt-emu`, runs an artifact directory on the CPU emulator (`tt_dialect.emu`);
- `metal_wheel`: fetches and caches the `ttnn` wheel those headers come from;
- `environment`: where this environment's console scripts are.
"""
