// The lookup benchmark: iot_error_describe() called through the shared
// library's C ABI, against the tables a C or C++ programmer would build by
// hand over the same catalog, on the same queries, side by side in one process.
//
// Built and run by benches/run.sh, which also generates the gperf tables:
//   harness callgrind            one pass per query set, for valgrind --tool=callgrind
//   harness time MACHINE [IR]    the table: ratio to gperf, ns/lookup and, from the
//                                file IR that run.sh makes of the callgrind run,
//                                instructions/lookup
//   harness first-call  the first lookups in a fresh process, and warm ones
//   harness heap PASSES          PASSES passes of iot_error_describe alone (valgrind heap summary)
//
// Every implementation answers the same question, the description of a code
// or NULL, and before anything is timed all of them must agree on every query.
#include "iot_error_codes.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <strings.h>
#include <sys/resource.h>
#include <unordered_map>
#include <vector>

// --- the implementations ------------------------------------------------------
// Each comes twice: exact (the platform sends uppercase codes) and ASCII
// case-insensitive, for the lowercase query set. C names and noinline, so
// callgrind counts each one's instructions under its own name.

// gperf's tables: generated C, compiled as their own translation units.
extern "C" const char *gperf_describe(const char *code);
extern "C" const char *gperf_describe_icase(const char *code);

// Filled from the library's catalog by load_catalog().
static std::vector<const char *> codes;         // iot_error_code_at(i)
static std::vector<const char *> descriptions;  // iot_error_describe(codes[i])
static std::unordered_map<std::string, const char *> code_map;

extern "C" __attribute__((noinline)) const char *map_describe(const char *code) {
    auto it = code_map.find(code);
    return it == code_map.end() ? nullptr : it->second;
}

extern "C" __attribute__((noinline)) const char *map_describe_icase(const char *code) {
    std::string key(code);
    for (char &c : key) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    auto it = code_map.find(key);
    return it == code_map.end() ? nullptr : it->second;
}

extern "C" __attribute__((noinline)) const char *linear_describe(const char *code) {
    for (size_t i = 0; i < codes.size(); i++) {
        if (std::strcmp(code, codes[i]) == 0) return descriptions[i];
    }
    return nullptr;
}

extern "C" __attribute__((noinline)) const char *linear_describe_icase(const char *code) {
    for (size_t i = 0; i < codes.size(); i++) {
        if (strcasecmp(code, codes[i]) == 0) return descriptions[i];
    }
    return nullptr;
}

// Marks the start of a callgrind section (run.sh passes --dump-before=callgrind_section).
extern "C" __attribute__((noinline)) void callgrind_section(const char *name) {
    asm volatile("" ::"r"(name) : "memory");
}

namespace {

using Describe = const char *(*)(const char *);

struct Impl {
    const char *name;
    Describe exact;
    Describe icase;
};

const Impl kImpls[] = {
    {"iot_error_describe", iot_error_describe, iot_error_describe},
    {"gperf", gperf_describe, gperf_describe_icase},
    {"std::unordered_map", map_describe, map_describe_icase},
    {"linear strcmp", linear_describe, linear_describe_icase},
};
constexpr size_t kImplCount = sizeof kImpls / sizeof kImpls[0];
constexpr size_t kLib = 0, kGperf = 1;

constexpr size_t kQueries = 4096;  // per query set
constexpr int kRounds = 31;        // timing rounds; each cell reports its median
constexpr int kPasses = 16;        // passes over a query set per timed sample

void load_catalog() {
    for (size_t i = 0; i < iot_error_count(); i++) {
        codes.push_back(iot_error_code_at(i));
        descriptions.push_back(iot_error_describe(codes.back()));
        code_map.emplace(codes.back(), descriptions.back());
    }
}

// --- the queries ----------------------------------------------------------------

struct QuerySet {
    const char *name;
    bool lowercase;
    std::vector<std::string> storage;
    std::vector<const char *> queries;  // NUL-terminated, into storage
};

uint64_t rng_state = 0x2545F4914F6CDD1DULL;
uint64_t rng() {  // xorshift64, fixed seed: the same queries on every run
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

const char *random_code() { return codes[rng() % codes.size()]; }

// A string that is not a code, shaped like what a gateway might get: a code
// with one character changed (70%), the success code "00000", a code cut
// short by one character, or one character too long (10% each).
std::string random_miss() {
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (;;) {
        std::string s = random_code();
        switch (rng() % 10) {
            case 0: s = "00000"; break;
            case 1: s.pop_back(); break;
            case 2: s.push_back(alphabet[rng() % 10]); break;
            default: s[rng() % s.size()] = alphabet[rng() % 36]; break;
        }
        if (iot_error_describe(s.c_str()) == nullptr) return s;
    }
}

QuerySet make_set(const char *name, int hit_percent, bool lowercase) {
    QuerySet set{name, lowercase, {}, {}};
    for (size_t i = 0; i < kQueries; i++) {
        std::string q = static_cast<int>(rng() % 100) < hit_percent ? random_code() : random_miss();
        if (lowercase) {
            for (char &c : q) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
        }
        set.storage.push_back(q);
    }
    for (const std::string &s : set.storage) set.queries.push_back(s.c_str());
    return set;
}

std::vector<QuerySet> make_sets() {
    std::vector<QuerySet> sets;
    sets.push_back(make_set("hits", 100, false));
    sets.push_back(make_set("misses", 0, false));
    sets.push_back(make_set("mixed (50% hits)", 50, false));
    sets.push_back(make_set("lowercase hits", 100, true));
    return sets;
}
constexpr size_t kHits = 0, kMisses = 1, kLowercase = 3;

Describe describe_for(const Impl &impl, const QuerySet &set) { return set.lowercase ? impl.icase : impl.exact; }

// Every implementation gives the same answer (the same text, or NULL) for every query.
void check_agreement(const std::vector<QuerySet> &sets) {
    for (const QuerySet &set : sets) {
        size_t hits = 0;
        for (const char *q : set.queries) {
            const char *want = iot_error_describe(q);
            hits += want != nullptr;
            for (const Impl &impl : kImpls) {
                const char *got = describe_for(impl, set)(q);
                if ((got == nullptr) != (want == nullptr) || (got && std::strcmp(got, want) != 0)) {
                    std::fprintf(stderr, "%s disagrees with iot_error_describe on \"%s\" (%s)\n", impl.name, q,
                                 set.name);
                    std::exit(1);
                }
            }
        }
        std::printf("Checked %s: %zu queries, %zu of them codes; all %zu implementations agree.\n", set.name,
                    set.queries.size(), hits, kImplCount);
    }
}

// One pass over a query set; the sum keeps the calls from being optimised away.
__attribute__((noinline)) uintptr_t pass(Describe describe, const std::vector<const char *> &queries) {
    uintptr_t sum = 0;
    for (const char *q : queries) sum += reinterpret_cast<uintptr_t>(describe(q));
    return sum;
}

volatile uintptr_t sink;

double now_ns() {
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// --- modes ------------------------------------------------------------------------

// One pass of each implementation over each query set, each set in a callgrind
// section of its own; before anything else, the process's first lookup and
// its second, each in its own section too. Prints the number of queries per
// set, then the section names in order.
int run_callgrind() {
    callgrind_section("first-call");
    sink = reinterpret_cast<uintptr_t>(iot_error_describe("D00004"));
    callgrind_section("second-call");
    sink = reinterpret_cast<uintptr_t>(iot_error_describe("D00004"));
    callgrind_section("setup");
    load_catalog();
    std::vector<QuerySet> sets = make_sets();
    std::printf("%zu\nfirst-call\nsecond-call\nsetup\n", kQueries);
    for (const QuerySet &set : sets) {
        callgrind_section(set.name);
        std::printf("%s\n", set.name);
        for (const Impl &impl : kImpls) sink = sink + pass(describe_for(impl, set), set.queries);
    }
    callgrind_section("end");
    return 0;
}

// Instructions per lookup, [set][impl], from run.sh's file of lines
// "SET_INDEX IMPL_INDEX INSTRUCTIONS_PER_LOOKUP"; -1 where unknown.
std::vector<std::vector<double>> read_instructions(const char *path, size_t sets) {
    std::vector<std::vector<double>> ir(sets, std::vector<double>(kImplCount, -1));
    FILE *f = path ? std::fopen(path, "r") : nullptr;
    if (!f) return ir;
    size_t s, i;
    double value;
    while (std::fscanf(f, "%zu %zu %lf", &s, &i, &value) == 3) {
        if (s < sets && i < kImplCount) ir[s][i] = value;
    }
    std::fclose(f);
    return ir;
}

// The median ns/lookup of every (query set, implementation) cell, measured in
// interleaved rounds so that drift and frequency changes hit all cells alike.
int run_time(const char *machine, const char *instructions_file) {
    load_catalog();
    std::vector<QuerySet> sets = make_sets();
    check_agreement(sets);
    std::vector<std::vector<std::vector<double>>> samples(sets.size(),
                                                          std::vector<std::vector<double>>(kImplCount));
    for (int round = 0; round < kRounds; round++) {
        for (size_t s = 0; s < sets.size(); s++) {
            for (size_t k = 0; k < kImplCount; k++) {
                size_t i = (k + round) % kImplCount;  // rotate which goes first
                Describe describe = describe_for(kImpls[i], sets[s]);
                uintptr_t sum = 0;
                double start = now_ns();
                for (int p = 0; p < kPasses; p++) sum += pass(describe, sets[s].queries);
                double elapsed = now_ns() - start;
                sink = sink + sum;
                samples[s][i].push_back(elapsed / (kPasses * double(sets[s].queries.size())));
            }
        }
    }
    std::vector<std::vector<double>> median(sets.size(), std::vector<double>(kImplCount));
    for (size_t s = 0; s < sets.size(); s++) {
        for (size_t i = 0; i < kImplCount; i++) {
            std::vector<double> &v = samples[s][i];
            std::sort(v.begin(), v.end());
            median[s][i] = v[v.size() / 2];
        }
    }
    std::vector<std::vector<double>> ir = read_instructions(instructions_file, sets.size());

    std::printf("\n%s\n", machine);
    std::printf("Each cell: time relative to gperf on the same queries, then ns/lookup (median of %d\n"
                "interleaved rounds of %d passes over %zu queries) and instructions/lookup under\n"
                "valgrind --tool=callgrind.\n\n",
                kRounds, kPasses, kQueries);
    std::printf("| Query set |");
    for (const Impl &impl : kImpls) std::printf(" %s |", impl.name);
    std::printf("\n|---|");
    for (size_t i = 0; i < kImplCount; i++) std::printf("---:|");
    std::printf("\n");
    for (size_t s = 0; s < sets.size(); s++) {
        std::printf("| %s%s |", sets[s].name, sets[s].lowercase ? " \xc2\xb9" : "");
        for (size_t i = 0; i < kImplCount; i++) {
            std::printf(" **%.2fx** %.2f ns", median[s][i] / median[s][kGperf], median[s][i]);
            if (ir[s][i] >= 0) std::printf(", %.0f instr", ir[s][i]);
            std::printf(" |");
        }
        std::printf("\n");
    }
    std::printf("\n\xc2\xb9 Every implementation in its ASCII case-insensitive form: gperf --ignore-case,\n"
                "uppercasing into the std::string key, strcasecmp. Against exact gperf on uppercase\n"
                "hits, iot_error_describe on lowercase hits is %.2fx.\n\n",
                median[kLowercase][kLib] / median[kHits][kGperf]);

    struct Target {
        size_t set;
        double max;
    } targets[] = {{kHits, 0.8}, {kMisses, 1.0}, {kLowercase, 1.2}};
    bool met = true;
    for (const Target &t : targets) {
        double ratio = median[t.set][kLib] / median[t.set][kGperf];
        met = met && ratio <= t.max;
        std::printf("Target: %s, iot_error_describe at most %.1fx gperf: %.2fx, %s.\n", sets[t.set].name, t.max,
                    ratio, ratio <= t.max ? "met" : "NOT MET");
    }
    return met ? 0 : 3;
}

long minor_page_faults() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

// The process's first lookups (nothing called the library before), then warm
// ones. Prints: ns of the library's first hit, of gperf's first hit, of the
// library's first miss; warm ns of the library and of gperf; minor page
// faults during the library's and gperf's first hits.
// run.sh runs it with LD_BIND_NOW=1, so the dynamic linker binds the symbol at
// load time and the first call measures the library, not ld.so's lazy binding.
int run_first_call() {
    sink = sink + minor_page_faults() + static_cast<uintptr_t>(now_ns());  // first uses of the clock and of getrusage
    long f0 = minor_page_faults();
    double t0 = now_ns();
    const char *first = iot_error_describe("D00004");
    double t1 = now_ns();
    long f1 = minor_page_faults();
    double t1b = now_ns();
    const char *first_gperf = gperf_describe("D00004");
    double t2 = now_ns();
    long f2 = minor_page_faults();
    double t2b = now_ns();
    const char *first_miss = iot_error_describe("Z99999");
    double t3 = now_ns();
    constexpr int kWarm = 1000;
    uintptr_t sum = 0;
    double w0 = now_ns();
    for (int i = 0; i < kWarm; i++) sum += reinterpret_cast<uintptr_t>(iot_error_describe("D00004"));
    double w1 = now_ns();
    for (int i = 0; i < kWarm; i++) sum += reinterpret_cast<uintptr_t>(gperf_describe("D00004"));
    double w2 = now_ns();
    sink = sum;
    if (!first || !first_gperf || first_miss || std::strcmp(first, first_gperf) != 0) return 1;
    std::printf("%.0f %.0f %.0f %.1f %.1f %ld %ld\n", t1 - t0, t2 - t1b, t3 - t2b,
                (w1 - w0) / kWarm, (w2 - w1) / kWarm, f1 - f0, f2 - f1);
    return 0;
}

// PASSES passes of iot_error_describe over every query set, and nothing else:
// valgrind's heap summary must not change with PASSES.
int run_heap(int passes) {
    load_catalog();
    std::vector<QuerySet> sets = make_sets();
    for (int p = 0; p < passes; p++) {
        for (const QuerySet &set : sets) sink = sink + pass(iot_error_describe, set.queries);
    }
    std::printf("%zu lookups\n", passes * sets.size() * kQueries);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "time" && argc > 2) return run_time(argv[2], argc > 3 ? argv[3] : nullptr);
    if (mode == "callgrind") return run_callgrind();
    if (mode == "first-call") return run_first_call();
    if (mode == "heap" && argc > 2) return run_heap(std::atoi(argv[2]));
    std::fprintf(stderr, "usage: %s callgrind | time MACHINE [INSTRUCTIONS_FILE] | first-call | heap PASSES\n",
                 argv[0]);
    return 2;
}
