# tt-emu as the CMake package TT-Metalium: an artifact directory's generated CMakeLists.txt
# (find_package(TT-Metalium), target TT::Metalium) builds its main.cpp unmodified against the
# emulator when pointed here:
#   cmake -S <artifact dir> -B <build dir> -DTT-Metalium_DIR=<repo>/emu/cmake
# The program then runs on the CPU; its kernels are built when it creates them (cached under
# TT_EMU_CACHE, default <build dir>/tt-emu/cache).
get_filename_component(_tt_emu_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
if(NOT TARGET ttemu)
  add_subdirectory("${_tt_emu_root}" "${CMAKE_BINARY_DIR}/tt-emu" EXCLUDE_FROM_ALL)
endif()
if(NOT TARGET TT::Metalium)
  add_library(TT::Metalium ALIAS ttemu)
endif()
set(TT-Metalium_FOUND TRUE)
set(TT-Metalium_VERSION 0.74.0)
