/*
 * Concurrency: THREADS threads (default 16), each doing LOOKUPS mixed lookups
 * (default 1,000,000) through every function of the C ABI, all started
 * together. Every result must equal the answer computed single-threaded
 * before the threads start: pointers must be identical, integers equal.
 *
 *     stress [THREADS [LOOKUPS]]
 *
 * Built and run by checks/tests/hardening.rs (also under ThreadSanitizer); prints
 * "N passed, N failed" and exits 0 when no result differs.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iot_error_codes.h"

enum { MAX_INPUTS = 512, OPS = 11 };

/* Inputs: every code, its lowercase form, the alias, and inputs that are not codes. */
static const char *inputs[MAX_INPUTS];
static char input_storage[MAX_INPUTS][16];
static size_t n_inputs;
static const char *tags[] = {NULL, "", "en", "EN-us", "en_GB.UTF-8", "zh", "zh-CN", "C", "POSIX", "fr", "e", "eng"};
enum { N_TAGS = sizeof tags / sizeof tags[0] };

/* The single-threaded answers: expected[op][input][tag] (the tag only matters for describe_lang). */
static intptr_t expected[OPS][MAX_INPUTS][N_TAGS];

static pthread_barrier_t start_line;
static long lookups_per_thread = 1000000;

static void add_input(const char *s) {
    if (s == NULL) {
        inputs[n_inputs++] = NULL;
        return;
    }
    snprintf(input_storage[n_inputs], sizeof input_storage[0], "%s", s);
    inputs[n_inputs] = input_storage[n_inputs];
    n_inputs++;
}

/* One lookup: operation `op` on input `i` with tag `t`. */
static intptr_t lookup(int op, size_t i, size_t t) {
    const char *in = inputs[i];
    size_t len = in ? strlen(in) : 0;
    switch (op) {
    case 0: return (intptr_t)iot_error_describe(in);
    case 1: return (intptr_t)iot_error_describe_n(in, len);
    case 2: return (intptr_t)iot_error_describe_lang(in, tags[t]);
    case 3: return (intptr_t)iot_error_name(in);
    case 4: return (intptr_t)iot_error_name_n(in, len);
    case 5: return iot_error_category(in);
    case 6: return iot_error_category_n(in, len);
    case 7: return (intptr_t)iot_error_category_name((int)i % 12 - 1);
    case 8: return (intptr_t)iot_error_code_at(i);
    case 9: return iot_error_is_success(in);
    default: return (intptr_t)iot_error_count() ^ (intptr_t)iot_error_version() ^ (intptr_t)iot_error_catalog_version();
    }
}

static uint64_t next_random(uint64_t *state) {
    /* xorshift64* */
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

static void *worker(void *arg) {
    uint64_t state = 0x9E3779B97F4A7C15ULL * ((uintptr_t)arg + 1);
    long differ = 0;
    pthread_barrier_wait(&start_line);
    for (long k = 0; k < lookups_per_thread; k++) {
        uint64_t r = next_random(&state);
        int op = (int)(r % OPS);
        size_t i = (size_t)((r >> 8) % n_inputs);
        size_t t = op == 2 ? (size_t)((r >> 32) % N_TAGS) : 0;
        if (lookup(op, i, t) != expected[op][i][t]) {
            differ++;
        }
    }
    return (void *)(intptr_t)differ;
}

int main(int argc, char **argv) {
    long threads = argc > 1 ? atol(argv[1]) : 16;
    if (argc > 2) lookups_per_thread = atol(argv[2]);
    if (threads < 1 || lookups_per_thread < 1) {
        fprintf(stderr, "usage: stress [THREADS [LOOKUPS]]\n");
        return 2;
    }

    for (size_t k = 0; k < iot_error_count(); k++) {
        const char *code = iot_error_code_at(k);
        char lower[16];
        size_t n = strlen(code);
        for (size_t c = 0; c <= n; c++) lower[c] = (char)(code[c] >= 'A' && code[c] <= 'Z' ? code[c] + 32 : code[c]);
        add_input(code);
        add_input(lower);
    }
    const char *others[] = {"G20903", "g20903", "00000", "", "D", "D0000", "D000041", "X00001", "d0000\xc3\xa9",
                            "\xff\xfe\xfd", " D00004", "D00004 ", "GG20903", "LC00001", "0", "D00004D00004"};
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) add_input(others[k]);
    add_input(NULL);

    /* The single-threaded answers, and a sanity check that they are not all empty. */
    size_t found = 0;
    for (int op = 0; op < OPS; op++)
        for (size_t i = 0; i < n_inputs; i++)
            for (size_t t = 0; t < N_TAGS; t++) expected[op][i][t] = lookup(op, i, t);
    for (size_t i = 0; i < n_inputs; i++) found += expected[0][i][0] != 0;
    if (found != 2 * iot_error_count() + 2) {
        fprintf(stderr, "FAIL: %zu inputs resolve single-threaded, expected %zu\n", found, 2 * iot_error_count() + 2);
        printf("0 passed, 1 failed\n");
        return 1;
    }

    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    pthread_barrier_init(&start_line, NULL, (unsigned)threads + 1);
    for (long k = 0; k < threads; k++) {
        if (pthread_create(&ids[k], NULL, worker, (void *)(intptr_t)k) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    struct timespec t0, t1;
    pthread_barrier_wait(&start_line);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long differ = 0;
    for (long k = 0; k < threads; k++) {
        void *result;
        pthread_join(ids[k], &result);
        differ += (long)(intptr_t)result;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    long total = threads * lookups_per_thread;
    printf("stress: %ld threads x %ld mixed lookups over %zu inputs and %d tags: %ld results, %ld differ from "
           "the single-threaded answer (%.2f s, %.1f M lookups/s)\n",
           threads, lookups_per_thread, n_inputs, (int)N_TAGS, total, differ, seconds, (double)total / seconds / 1e6);
    printf("%d passed, %d failed\n", differ == 0, differ != 0);
    free(ids);
    return differ != 0;
}
