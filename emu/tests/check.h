// tt-emu unit tests: a minimal check macro (no test framework dependency).
#pragma once

#include <cstdio>
#include <string>

inline int g_failures = 0;

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++g_failures;                                                          \
        }                                                                          \
    } while (0)

#define CHECK_CONTAINS(text, part)                                                           \
    do {                                                                                     \
        const std::string check_text_ = (text);                                              \
        if (check_text_.find(part) == std::string::npos) {                                   \
            std::fprintf(stderr, "%s:%d: expected \"%s\" in: %s\n", __FILE__, __LINE__, part, \
                         check_text_.c_str());                                               \
            ++g_failures;                                                                    \
        }                                                                                    \
    } while (0)

inline int finish(const char* name) {
    if (g_failures) {
        std::fprintf(stderr, "%s: %d check(s) failed\n", name, g_failures);
        return 1;
    }
    std::printf("%s: all checks passed\n", name);
    return 0;
}
