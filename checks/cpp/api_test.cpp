// The C API from C++11: every code of the spec, from many threads at once.
//
// Usage: api_test_cpp SPEC.md [ROUNDS]   (ROUNDS of every query per thread, default 200)
// The oracle is the spec file, parsed here. Built with -std=c++11 -Wall
// -Wextra -Werror -pedantic by checks/tests/c.rs, against the .so and the .a.
#include "iot_error_codes.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

int passed = 0;
int failed = 0;

void check(bool ok, const char *what, int line) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::cerr << __FILE__ << ":" << line << ": check failed: " << what << "\n";
    }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

std::string trim(const std::string &s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return std::string();
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

// (code, Chinese text) for every "|CODE|text|" row of the spec.
std::vector<std::pair<std::string, std::string>> read_spec(const char *path) {
    std::vector<std::pair<std::string, std::string>> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] != '|') continue;
        const auto second = line.find('|', 1);
        const auto third = second == std::string::npos ? second : line.find('|', second + 1);
        if (third == std::string::npos) continue;
        const std::string code = trim(line.substr(1, second - 1));
        bool is_code = code.size() >= 5;
        for (char c : code) is_code = is_code && (std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z'));
        if (is_code) rows.emplace_back(code, trim(line.substr(second + 1, third - second - 1)));
    }
    return rows;
}

// Everything the library says about one code, by pointer: equal pointers mean equal answers.
struct Answer {
    const char *zh, *en, *name;
    int category;
    bool operator==(const Answer &o) const {
        return zh == o.zh && en == o.en && name == o.name && category == o.category;
    }
};

Answer ask(const std::string &code) {
    return Answer{iot_error_describe(code.c_str()), iot_error_describe_lang(code.c_str(), "en-US"),
                  iot_error_name(code.c_str()), iot_error_category(code.c_str())};
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: " << argv[0] << " SPEC.md [ROUNDS]\n";
        return 2;
    }
    const auto rows = read_spec(argv[1]);
    CHECK(rows.size() == 90);
    CHECK(iot_error_count() == rows.size());

    // Queries: every code, its lowercase form, the alias, and some misses.
    std::vector<std::string> queries;
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string &code = rows[i].first;
        CHECK(std::string(iot_error_code_at(i)) == code);
        const char *zh = iot_error_describe(code.c_str());
        CHECK(zh != nullptr && rows[i].second == zh);
        std::string lower = code;
        for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        queries.push_back(code);
        queries.push_back(lower);
    }
    for (const char *q : {"G20903", "g20903", "", "D00014", "D000044", "00000", "\xff\xfe"}) queries.emplace_back(q);

    std::vector<Answer> expected;
    for (const auto &q : queries) expected.push_back(ask(q));
    CHECK(ask("G20903") == ask("20903"));
    CHECK(ask("D00014").zh == nullptr && ask("D00014").category == IOT_ERROR_CATEGORY_UNKNOWN);
    CHECK(std::strcmp(iot_error_name(IOT_ERROR_MASTER_DATA_ERROR), "MASTER_DATA_ERROR") == 0);

    // Many threads at once get the single-threaded answers.
    const int rounds = argc == 3 ? std::atoi(argv[2]) : 200;
    const unsigned thread_count = 16;
    std::vector<int> mismatches(thread_count, 0);
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < rounds; ++round) {
                for (size_t i = 0; i < queries.size(); ++i) {
                    const size_t k = (i + t * 7 + static_cast<size_t>(round)) % queries.size();
                    if (!(ask(queries[k]) == expected[k])) ++mismatches[t];
                }
            }
        });
    }
    for (auto &th : threads) th.join();
    for (unsigned t = 0; t < thread_count; ++t) CHECK(mismatches[t] == 0);

    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
