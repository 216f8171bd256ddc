// tt-emu: building kernels, like tt-metal's JIT: one shared object per (kernel source,
// compile-time arguments, defines, processor, compute configuration), compiled by the host
// compiler against the emulator's headers and cached by content hash:
//   <cache>/kernels/<key>.so, key = FNV-1a 64 of the recipe (the compile flags, the emulator's
//   source hash, the kernel file's content hash).
// tt_dialect/emu/build.py computes the same recipe to build a program's kernels ahead of time
// (in parallel with main.cpp); keep kernel_flags() and that file in step.
//
// Like tt-metal's JIT, every build gets the program's CB descriptors for the kernel's cores
// (-DTT_EMU_CB_DESCRIPTORS, see emu/cb_descriptors.h), so get_tile_size and get_dataformat are
// constant expressions; a build happens when the program runs, when all its CBs are known.
//
// Environment: TT_EMU_CACHE (cache folder), TT_EMU_INCLUDE (the emulator's include folder),
// TT_EMU_CXX (compiler, default g++), TT_EMU_KERNEL_INCLUDES (more include folders for kernels,
// ':'-separated, searched after the emulator's: the source tree kernels come from, like the
// tt-metal root and ttnn/cpp on tt-metal's JIT include path, for `#include "ttnn/..."` helper
// headers; part of the cache key). Defaults are baked in when libttemu is built.
#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "runtime.h"

extern char** environ;

#ifndef TT_EMU_SOURCE_HASH
#define TT_EMU_SOURCE_HASH "unversioned"
#endif
#ifndef TT_EMU_INCLUDE_DIR
#define TT_EMU_INCLUDE_DIR "emu/include"
#endif
#ifndef TT_EMU_CACHE_DIR
#define TT_EMU_CACHE_DIR "/tmp/tt-emu-cache"
#endif

namespace emu {

namespace {

std::mutex g_mu;
std::map<std::string, void (*)()>& builtins() {
    static std::map<std::string, void (*)()> m;
    return m;
}
std::map<std::string, void (*)()>& loaded() {
    static std::map<std::string, void (*)()> m;
    return m;
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        return false;
    }
    std::ostringstream s;
    s << f.rdbuf();
    out = s.str();
    return true;
}

// The kernel's text followed by that of every header it includes by a bare name from its own
// directory (`#include "tt_mask_tile.h"`: a support header tt-cpp writes beside the kernels),
// in include order: what the kernel's cache key hashes, so a changed header is a new build.
// `local_headers_source` in tt_dialect/emu/build.py is the same function.
std::string with_local_headers(const std::string& path, const std::string& text) {
    const std::string::size_type slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".") : path.substr(0, slash);
    const std::string prefix = "#include \"";
    std::string out = text;
    std::string::size_type start = 0;
    while (start <= text.size()) {
        std::string::size_type end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string::size_type i = start;
        while (i < end && (text[i] == ' ' || text[i] == '\t')) {
            ++i;
        }
        if (text.compare(i, prefix.size(), prefix) == 0) {
            const std::string::size_type name_start = i + prefix.size();
            const std::string::size_type close = text.find('"', name_start);
            if (close != std::string::npos && close < end) {
                const std::string name = text.substr(name_start, close - name_start);
                std::string header;
                if (!name.empty() && name.find('/') == std::string::npos && read_file(dir + "/" + name, header)) {
                    out += header;
                }
            }
        }
        start = end + 1;
    }
    return out;
}

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

void make_dirs(const std::string& path) {
    std::string cur;
    for (std::size_t i = 0; i < path.size(); ++i) {
        cur += path[i];
        if (path[i] == '/' || i + 1 == path.size()) {
            ::mkdir(cur.c_str(), 0755);
        }
    }
}

}  // namespace

void register_builtin_kernel(const std::string& path, void (*entry)()) {
    std::lock_guard<std::mutex> lock(g_mu);
    builtins()[path] = entry;
}

bool is_builtin_kernel(const std::string& path) {
    std::lock_guard<std::mutex> lock(g_mu);
    return builtins().count(path) != 0;
}

std::string fnv1a64_hex(const std::string& text) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// Extra kernel include folders (TT_EMU_KERNEL_INCLUDES), in order.
std::vector<std::string> kernel_include_dirs() {
    std::vector<std::string> dirs;
    std::string cur;
    for (char c : env_or("TT_EMU_KERNEL_INCLUDES", "") + ":") {
        if (c == ':') {
            if (!cur.empty()) {
                dirs.push_back(cur);
            }
            cur.clear();
        } else {
            cur += c;
        }
    }
    return dirs;
}

std::string cb_descriptors(const ProgramImpl& program, const KernelSpec& k) {
    // As tt-metal's JIT: the data format of every CB index configured on any of the kernel's cores
    // (a later CB config of the same index wins).
    std::map<std::uint8_t, tt::DataFormat> formats;
    for (const CBSpec& cb : program.cbs) {
        const bool on_kernel_core = std::any_of(k.cores.begin(), k.cores.end(), [&](const XY& xy) {
            return std::find(cb.cores.begin(), cb.cores.end(), xy) != cb.cores.end();
        });
        if (on_kernel_core) {
            for (const auto& [index, format_page] : cb.buffers) {
                formats[index] = format_page.first;
            }
        }
    }
    std::string out;
    for (const auto& [index, format] : formats) {
        out += (out.empty() ? "{" : ",{") + std::to_string(index) + "," + std::to_string(static_cast<int>(format)) + "," +
               std::to_string(tt::tile_size_bytes(format)) + "}";
    }
    return out;
}

// The flags that decide what a kernel build produces (no paths).
std::vector<std::string> kernel_flags(const KernelSpec& k, const DeviceParams& p) {
    std::vector<std::string> f = {"-std=c++20", "-O2", "-fPIC", "-shared", "-fvisibility=hidden"};
    std::string cta;
    for (std::size_t i = 0; i < k.compile_args.size(); ++i) {
        cta += (i ? "," : "") + std::to_string(k.compile_args[i]);
    }
    f.push_back("-DKERNEL_COMPILE_TIME_ARGS=" + cta);
    if (!k.named_args.empty()) {
        std::string map;
        for (std::size_t i = 0; i < k.named_args.size(); ++i) {
            map += (i ? "," : "") + std::string("{\"") + k.named_args[i].first + "\"," + std::to_string(k.named_args[i].second) + "}";
        }
        f.push_back("-DKERNEL_COMPILE_TIME_ARG_MAP=" + map);
    }
    switch (k.kind) {
        case KernelKind::DataMovement0:
            f.push_back("-DCOMPILE_FOR_BRISC");
            f.push_back("-DNOC_INDEX=" + std::to_string(k.noc));
            break;
        case KernelKind::DataMovement1:
            f.push_back("-DCOMPILE_FOR_NCRISC");
            f.push_back("-DNOC_INDEX=" + std::to_string(k.noc));
            break;
        case KernelKind::Compute:
            f.push_back("-DCOMPILE_FOR_TRISC");
            // The three TRISCs in one build (MATH/PACK/UNPACK expand to their argument): code a
            // kernel keeps for one of them (#ifdef TRISC_MATH, ...) is all there, as in the merged run.
            f.push_back("-DTRISC_MATH");
            f.push_back("-DTRISC_PACK");
            f.push_back("-DTRISC_UNPACK");
            f.push_back(std::string("-DTT_EMU_DST_ACCUM_MODE=") + (k.fp32_dest_acc ? "1" : "0"));
            f.push_back(std::string("-DTT_EMU_DST_FULL_SYNC=") + (k.dst_full_sync ? "1" : "0"));
            f.push_back("-DTT_EMU_MATH_FIDELITY=" + std::to_string(k.math_fidelity));
            f.push_back(std::string("-DTT_EMU_MATH_APPROX=") + (k.math_approx ? "1" : "0"));
            break;
    }
    f.push_back(p.arch == "blackhole" ? "-DARCH_BLACKHOLE" : "-DARCH_WORMHOLE");
    f.push_back("-DTT_EMU_CB_DESCRIPTORS=" + k.cb_descriptors);
    for (const auto& [name, value] : k.defines) {
        f.push_back("-D" + name + "=" + value);
    }
    return f;
}

std::string kernel_recipe(const KernelSpec& k, const DeviceParams& p, const std::string& source_hash) {
    std::string r = "tt-emu kernel 2\nemu=" TT_EMU_SOURCE_HASH "\nsource=" + source_hash + "\n";
    for (const std::string& flag : kernel_flags(k, p)) {
        r += flag + "\n";
    }
    for (const std::string& dir : kernel_include_dirs()) {
        r += "include=" + dir + "\n";
    }
    return r;
}

BuildResult build_kernels(ProgramImpl& program, const DeviceParams& params) {
    const auto start = std::chrono::steady_clock::now();
    BuildResult result;
    const std::string cache = env_or("TT_EMU_CACHE", TT_EMU_CACHE_DIR) + "/kernels";
    const std::string include = env_or("TT_EMU_INCLUDE", TT_EMU_INCLUDE_DIR);
    const std::string cxx = env_or("TT_EMU_CXX", "g++");

    struct Job {
        std::vector<KernelSpec*> specs;
        std::string so;
        std::string tmp;
        std::string log;
        std::vector<std::string> argv;
        pid_t pid = -1;
    };
    std::map<std::string, Job> jobs;  // by key
    std::map<KernelSpec*, std::string> key_of;

    const std::vector<std::string> extra_includes = kernel_include_dirs();
    for (KernelSpec& k : program.kernels) {
        k.cb_descriptors = cb_descriptors(program, k);
        {
            std::lock_guard<std::mutex> lock(g_mu);
            auto b = builtins().find(k.path);
            if (b != builtins().end()) {
                k.entry = b->second;
                continue;
            }
        }
        std::string text;
        if (!read_file(k.resolved, text)) {
            throw EmuError("kernel " + k.path + ": cannot read " + k.resolved);
        }
        const std::string key =
            fnv1a64_hex(kernel_recipe(k, params, fnv1a64_hex(with_local_headers(k.resolved, text))));
        key_of[&k] = key;
        {
            std::lock_guard<std::mutex> lock(g_mu);
            auto it = loaded().find(key);
            if (it != loaded().end()) {
                k.entry = it->second;
                ++result.cache_hits;
                continue;
            }
        }
        const std::string so = cache + "/" + key + ".so";
        Job& job = jobs[key];
        job.specs.push_back(&k);
        job.so = so;
        if (job.specs.size() == 1 && !exists(so)) {
            job.tmp = so + "." + std::to_string(::getpid()) + ".tmp";
            job.log = so + "." + std::to_string(::getpid()) + ".log";
            job.argv = {cxx};
            for (const std::string& f : kernel_flags(k, params)) {
                job.argv.push_back(f);
            }
            job.argv.push_back("-I" + include);
            for (const std::string& dir : extra_includes) {
                job.argv.push_back("-I" + dir);
            }
            job.argv.push_back("-o");
            job.argv.push_back(job.tmp);
            job.argv.push_back(k.resolved);
        }
    }

    // Compile what is missing, in parallel.
    make_dirs(cache);
    const unsigned max_jobs = std::max(1u, std::thread::hardware_concurrency());
    std::vector<Job*> pending;
    for (auto& [key, job] : jobs) {
        if (!job.argv.empty()) {
            pending.push_back(&job);
        }
    }
    std::vector<Job*> active;
    std::string failure;
    auto reap = [&](Job* job) {
        int status = 0;
        ::waitpid(job->pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            std::rename(job->tmp.c_str(), job->so.c_str());
            std::remove(job->log.c_str());
            ++result.built;
        } else if (failure.empty()) {
            std::string log;
            read_file(job->log, log);
            std::remove(job->log.c_str());
            std::remove(job->tmp.c_str());
            std::istringstream lines(log);
            std::string line, head;
            for (int i = 0; i < 30 && std::getline(lines, line); ++i) {
                head += "\n" + line;
            }
            failure = "kernel " + job->specs.front()->display + " does not compile against the emulator's headers (" +
                      cxx + "):" + head;
        }
    };
    for (Job* job : pending) {
        if (active.size() >= max_jobs) {
            reap(active.front());
            active.erase(active.begin());
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, job->log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<char*> argv;
        for (std::string& a : job->argv) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        const int rc = ::posix_spawnp(&job->pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            throw EmuError("cannot run the kernel compiler '" + cxx + "'");
        }
        active.push_back(job);
    }
    for (Job* job : active) {
        reap(job);
    }
    if (!failure.empty()) {
        throw EmuError(failure);
    }

    for (auto& [key, job] : jobs) {
        void* handle = ::dlopen(job.so.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            throw EmuError("kernel " + job.specs.front()->display + ": cannot load " + job.so + ": " + ::dlerror());
        }
        auto entry = reinterpret_cast<void (*)()>(::dlsym(handle, "tt_emu_kernel_entry"));
        if (entry == nullptr) {
            throw EmuError("kernel " + job.specs.front()->display + " has no kernel_main");
        }
        if (job.argv.empty()) {
            ++result.cache_hits;
        }
        std::lock_guard<std::mutex> lock(g_mu);
        loaded()[key] = entry;
        for (KernelSpec* k : job.specs) {
            k->entry = entry;
        }
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace emu
