"""tt-dialect: an xDSL compiler from tile-level kernels to TT-Metalium C++."""
