// tt-emu: what a host program (main.cpp) includes, precompiled once per emulator version
// (tt_dialect/emu/build.py compiles main.cpp with -include of this header, whose .gch sits next
// to it in the runtime's cache folder). The source itself is compiled unmodified.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <tt-metalium/distributed.hpp>
#include <tt-metalium/host_api.hpp>
