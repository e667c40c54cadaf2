// The lookup benchmark: iot_error_describe() called through the shared
// library's C ABI, against the tables a C or C++ programmer would build by
// hand over the same catalog, on the same queries, side by side in one process.
//
// Built and run by benches/run.sh, which also generates the gperf tables:
//   harness callgrind            one pass per query set, for valgrind --tool=callgrind
//   harness time MACHINE IR OUT  the table: ratio to gperf, ns/lookup and, from the
//                                file IR that run.sh makes of the callgrind run,
//                                instructions/lookup; the medians also go to the
//                                file OUT, from which run.sh checks the targets
//   harness first-call           the first lookups in a fresh process, and warm ones
//   harness heap PASSES          PASSES passes of iot_error_describe alone (valgrind heap summary)
//
// Every implementation answers the same question, the description of a code
// or NULL, and before anything is timed all of them must agree on every query.
#include "iot_error_codes.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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
    const char *id;    // callgrind section, and the key in run.sh's files
    const char *name;  // table row
    const char *note;  // footnote mark after the name, or ""
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

const char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";  // digits first: kAlphabet[rng() % 10]

const char *random_code() { return codes[rng() % codes.size()]; }

// A near miss: a code with one character changed (70%), the success code
// "00000", a code cut short by one character, or one character too long (10%
// each).
std::string near_miss() {
    for (;;) {
        std::string s = random_code();
        switch (rng() % 10) {
            case 0: s = "00000"; break;
            case 1: s.pop_back(); break;
            case 2: s.push_back(kAlphabet[rng() % 10]); break;
            default: s[rng() % s.size()] = kAlphabet[rng() % 36]; break;
        }
        if (iot_error_describe(s.c_str()) == nullptr) return s;
    }
}

// A random miss: shaped like a code but drawn at random, as a gateway gets from
// a newer platform or a garbled message: a letter or digit, then 4 or 5
// uppercase letters or digits (length 5 or 6, half each); never a code of the
// catalog nor the alias G20903.
std::string random_miss() {
    for (;;) {
        std::string s(1, kAlphabet[rng() % 36]);
        size_t length = 5 + rng() % 2;
        while (s.size() < length) s.push_back(kAlphabet[rng() % 36]);
        if (s != "G20903" && iot_error_describe(s.c_str()) == nullptr) return s;
    }
}

void to_lowercase(std::string &q) {
    for (char &c : q) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
}

// hit_percent% uniformly drawn codes, the rest near misses.
QuerySet make_set(const char *id, const char *name, int hit_percent, bool lowercase) {
    QuerySet set{id, name, "", lowercase, {}, {}};
    for (size_t i = 0; i < kQueries; i++) {
        std::string q = static_cast<int>(rng() % 100) < hit_percent ? random_code() : near_miss();
        if (lowercase) to_lowercase(q);
        set.storage.push_back(q);
    }
    return set;
}

QuerySet make_random_misses() {
    QuerySet set{"random-misses", "random misses", "\xc2\xb3", false, {}, {}};
    for (size_t i = 0; i < kQueries; i++) set.storage.push_back(random_miss());
    return set;
}

// Skewed hits: a Zipf distribution (weight 1 / rank^kZipfExponent) over the
// codes, ranked A00001 (success of a request), D00004 (token expired), then the
// others in a fixed random order. A few codes make most of the traffic.
constexpr double kZipfExponent = 1.5;
const char *const kMostFrequent[] = {"A00001", "D00004"};

QuerySet make_skewed_hits() {
    std::vector<const char *> ranked;
    for (const char *top : kMostFrequent) {
        for (const char *code : codes) {
            if (std::strcmp(code, top) == 0) ranked.push_back(code);
        }
    }
    if (ranked.size() != sizeof kMostFrequent / sizeof kMostFrequent[0]) {
        std::fprintf(stderr, "the skewed hits need A00001 and D00004 in the catalog\n");
        std::exit(1);
    }
    std::vector<const char *> rest;
    for (const char *code : codes) {
        if (std::find(ranked.begin(), ranked.end(), code) == ranked.end()) rest.push_back(code);
    }
    for (size_t i = rest.size(); i > 1; i--) std::swap(rest[i - 1], rest[rng() % i]);  // Fisher-Yates
    ranked.insert(ranked.end(), rest.begin(), rest.end());
    std::vector<double> cumulative;
    double total = 0;
    for (size_t rank = 1; rank <= ranked.size(); rank++) {
        total += 1.0 / std::pow(double(rank), kZipfExponent);
        cumulative.push_back(total);
    }
    QuerySet set{"hits-skewed", "hits, skewed", "\xc2\xb2", false, {}, {}};
    for (size_t i = 0; i < kQueries; i++) {
        double u = double(rng() >> 11) * 0x1.0p-53 * total;  // uniform in [0, total)
        size_t rank = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
        set.storage.push_back(ranked[std::min(rank, ranked.size() - 1)]);
    }
    return set;
}

// The query sets in table order. The first four are drawn first and in the
// same order as before the skewed hits and the random misses existed, so they
// are the same queries as in earlier runs (and docs/performance.md's tables).
std::vector<QuerySet> make_sets() {
    QuerySet hits = make_set("hits", "hits, uniform", 100, false);
    QuerySet near_misses = make_set("near-misses", "near misses", 0, false);
    QuerySet mixed = make_set("mixed", "mixed (50% hits)", 50, false);
    QuerySet lowercase = make_set("lowercase-hits", "lowercase hits", 100, true);
    near_misses.note = "\xc2\xb3";
    mixed.note = "\xc2\xb3";
    lowercase.note = "\xc2\xb9";
    QuerySet skewed = make_skewed_hits();
    QuerySet random_misses = make_random_misses();
    std::vector<QuerySet> sets;
    sets.push_back(std::move(hits));
    sets.push_back(std::move(skewed));
    sets.push_back(std::move(near_misses));
    sets.push_back(std::move(random_misses));
    sets.push_back(std::move(mixed));
    sets.push_back(std::move(lowercase));
    for (QuerySet &set : sets) {
        for (const std::string &s : set.storage) set.queries.push_back(s.c_str());
    }
    return sets;
}

size_t set_index(const std::vector<QuerySet> &sets, const char *id) {
    for (size_t s = 0; s < sets.size(); s++) {
        if (std::strcmp(sets[s].id, id) == 0) return s;
    }
    std::fprintf(stderr, "no query set %s\n", id);
    std::exit(1);
}

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

// The share of a query set taken by its `top` most frequent queries.
double top_share(const QuerySet &set, size_t top) {
    std::unordered_map<std::string, size_t> counts;
    for (const std::string &q : set.storage) counts[q]++;
    std::vector<size_t> sorted;
    for (const auto &entry : counts) sorted.push_back(entry.second);
    std::sort(sorted.rbegin(), sorted.rend());
    size_t sum = 0;
    for (size_t i = 0; i < top && i < sorted.size(); i++) sum += sorted[i];
    return double(sum) / double(set.storage.size());
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
// section of its own (named by the set's id); before anything else, the
// process's first lookup and its second, each in its own section too. Prints
// the number of queries per set, then the section names in order.
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
        callgrind_section(set.id);
        std::printf("%s\n", set.id);
        for (const Impl &impl : kImpls) sink = sink + pass(describe_for(impl, set), set.queries);
    }
    callgrind_section("end");
    return 0;
}

// Instructions per lookup, [set][impl], from run.sh's file of lines
// "SET_ID IMPL_INDEX INSTRUCTIONS_PER_LOOKUP"; -1 where unknown.
std::vector<std::vector<double>> read_instructions(const char *path, const std::vector<QuerySet> &sets) {
    std::vector<std::vector<double>> ir(sets.size(), std::vector<double>(kImplCount, -1));
    FILE *f = std::fopen(path, "r");
    if (!f) {
        std::fprintf(stderr, "cannot read %s\n", path);
        std::exit(1);
    }
    char id[64];
    size_t i;
    double value;
    while (std::fscanf(f, "%63s %zu %lf", id, &i, &value) == 3) {
        size_t s = set_index(sets, id);
        if (i < kImplCount) ir[s][i] = value;
    }
    std::fclose(f);
    return ir;
}

// The median ns/lookup of every (query set, implementation) cell, measured in
// interleaved rounds so that drift and frequency changes hit all cells alike.
// Prints the table; writes to results_file a line "SET_ID IMPL_INDEX NS RATIO"
// per cell (RATIO: to gperf, as printed), from which run.sh checks the targets.
int run_time(const char *machine, const char *instructions_file, const char *results_file) {
    load_catalog();
    std::vector<QuerySet> sets = make_sets();
    check_agreement(sets);
    std::vector<std::vector<double>> ir = read_instructions(instructions_file, sets);
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

    FILE *results = std::fopen(results_file, "w");
    if (!results) {
        std::fprintf(stderr, "cannot write %s\n", results_file);
        return 1;
    }
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
        std::printf("| %s%s%s |", sets[s].name, *sets[s].note ? " " : "", sets[s].note);
        for (size_t i = 0; i < kImplCount; i++) {
            double ratio = median[s][i] / median[s][kGperf];
            std::printf(" **%.2fx** %.2f ns", ratio, median[s][i]);
            if (ir[s][i] >= 0) std::printf(", %.0f instr", ir[s][i]);
            std::printf(" |");
            std::fprintf(results, "%s %zu %.4f %.2f\n", sets[s].id, i, median[s][i], ratio);
        }
        std::printf("\n");
    }
    if (std::fclose(results) != 0) return 1;
    const QuerySet &skewed = sets[set_index(sets, "hits-skewed")];
    std::printf("\n\xc2\xb9 Every implementation in its ASCII case-insensitive form: gperf --ignore-case,\n"
                "uppercasing into the std::string key, strcasecmp. Against exact gperf on uppercase\n"
                "hits, iot_error_describe on lowercase hits is %.2fx.\n",
                median[set_index(sets, "lowercase-hits")][kLib] / median[set_index(sets, "hits")][kGperf]);
    std::printf("\xc2\xb2 Zipf (s = %.1f) over the %zu codes, ranked A00001, D00004, then the others in a\n"
                "fixed random order: A00001 is %.0f%% of the queries, A00001 and D00004 %.0f%%, the ten\n"
                "most frequent codes %.0f%%. Uniform hits: every code equally likely.\n",
                kZipfExponent, codes.size(), 100 * top_share(skewed, 1), 100 * top_share(skewed, 2),
                100 * top_share(skewed, 10));
    std::printf("\xc2\xb3 Near misses: a code with one character changed (70%%), the success code 00000,\n"
                "a code cut short by one character, or one character too long (10%% each). Random\n"
                "misses: a letter or digit, then 4 or 5 letters or digits, uniformly random (never a\n"
                "code nor the alias G20903). The mixed set: uniform hits and near misses, half each.\n"
                "All queries come from a fixed seed: the same on every run.\n");
    return 0;
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
    if (mode == "time" && argc == 5) return run_time(argv[2], argv[3], argv[4]);
    if (mode == "callgrind") return run_callgrind();
    if (mode == "first-call") return run_first_call();
    if (mode == "heap" && argc > 2) return run_heap(std::atoi(argv[2]));
    std::fprintf(stderr,
                 "usage: %s callgrind | time MACHINE INSTRUCTIONS_FILE RESULTS_FILE | first-call | heap PASSES\n",
                 argv[0]);
    return 2;
}
