/*
 * Bounded reads, proven: every input sits right against an unreadable
 * (PROT_NONE) guard page, so a single byte read too many ends the process with
 * SIGSEGV, which this program reports as "touched a guard page".
 *
 * Layout: [guard page][data page][guard page]. An input that ends at the end
 * of the data page shows no read past it; one that starts at its beginning
 * shows no read before it.
 *
 * Built and run by tests/hardening.rs; prints "N passed, 0 failed" and exits 0.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "iot_error_codes.h"

static int passed, failed;
static unsigned char *data;  /* the readable page between the two guard pages */
static size_t page;

#define CHECK(cond, ...)                              \
    do {                                              \
        if (cond) {                                   \
            passed++;                                 \
        } else {                                      \
            failed++;                                 \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);             \
            fputc('\n', stderr);                      \
        }                                             \
    } while (0)

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    char msg[160];
    long offset = (long)((unsigned char *)info->si_addr - data);
    int n = snprintf(msg, sizeof msg,
                     "FAIL: touched a guard page at %p (offset %ld from the data page)\n",
                     info->si_addr, offset);
    (void)!write(2, msg, (size_t)n);
    _exit(2);
}

/* Copies `len` bytes (no NUL added) so they end exactly at the guard page after the data. */
static const char *at_end(const char *bytes, size_t len) {
    memset(data, 'x', page);
    memcpy(data + page - len, bytes, len);
    return (const char *)(data + page - len);
}

/* Copies `len` bytes (no NUL added) to the very start of the data page. */
static const char *at_start(const char *bytes, size_t len) {
    memset(data, 0, page);
    memcpy(data, bytes, len);
    return (const char *)data;
}

static int same(const char *a, const char *b) {
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/*
 * A long unterminated string is rejected: the NUL-terminated functions read at
 * most IOT_ERROR_CODE_MAX_LEN + 1 bytes, so any input of that many non-NUL bytes
 * right before the guard page gives NULL/0 without touching it.
 */
static void unterminated_input_is_rejected(void) {
    const char *token_expired = iot_error_describe("D00004");
    size_t accepted = 0;
    for (size_t len = IOT_ERROR_CODE_MAX_LEN + 1; len <= page; len++) {
        /* a real code, then more bytes up to the guard page, and no NUL */
        memset(data, 'A', page);
        memcpy(data + page - len, "D00004", 6);
        const char *code = (const char *)(data + page - len);
        if (iot_error_describe(code) != NULL || iot_error_name(code) != NULL ||
            iot_error_category(code) != IOT_ERROR_CATEGORY_UNKNOWN ||
            iot_error_describe_lang(code, "en") != NULL || iot_error_is_success(code) != 0) {
            accepted++;
        }
    }
    CHECK(accepted == 0, "%zu unterminated inputs starting with D00004 were accepted", accepted);
    /* The longest terminated code fits exactly: its NUL is the last readable byte. */
    CHECK(iot_error_describe(at_end("D00004", 7)) == token_expired, "D00004 + NUL before the guard");
    CHECK(iot_error_category(at_end("20903", 6)) == IOT_ERROR_CATEGORY_DEVICE, "20903 + NUL before the guard");
    /* iot_error_is_success reads at most 6 bytes. */
    CHECK(iot_error_is_success(at_end("000000", 6)) == 0, "000000 unterminated");
    CHECK(iot_error_is_success(at_end("00000", 6)) == 1, "00000 + NUL before the guard");
}

/* The language tag is read for at most 3 bytes. */
static void language_tag_is_bounded(void) {
    const char *code = "D00004";
    const char *en = iot_error_describe_lang(code, "en");
    const char *zh = iot_error_describe(code);
    CHECK(en != NULL && en != zh, "English and Chinese texts differ");
    CHECK(iot_error_describe_lang(code, at_end("en-", 3)) == en, "unterminated en- is English");
    CHECK(iot_error_describe_lang(code, at_end("en_GB.UTF-8", 3)) == en, "unterminated en_ is English");
    CHECK(iot_error_describe_lang(code, at_end("eng", 3)) == zh, "unterminated eng is not English");
    CHECK(iot_error_describe_lang(code, at_end("en", 3)) == en, "en + NUL before the guard");
    CHECK(iot_error_describe_lang(code, at_start("EN", 2)) == en, "EN at the start of the page");
    /* Both arguments against guard pages at once. */
    char both[16];
    memcpy(both, "d00004", 7);
    memcpy(both + 7, "EN@x", 4);
    memset(data, 'x', page);
    memcpy(data, both, 7);                 /* code at the start */
    memcpy(data + page - 3, both + 7, 3);  /* tag at the end, unterminated */
    CHECK(iot_error_describe_lang((const char *)data, (const char *)data + page - 3) == en,
          "code at start and tag at end of the page");
}

/*
 * A catalog id is read for at most 64 bytes, a code for IOT_ERROR_CODE_MAX_LEN + 1,
 * by iot_error_entry and iot_error_catalog_source (docs/catalogs.md).
 */
static void catalog_id_is_bounded(void) {
    static const char common[] = "uws-common-2021-04-05";
    const IotErrorEntry *g20904 = iot_error_entry(common, "G20904");
    CHECK(g20904 != NULL, "G20904 in the common catalog");
    /* the id unterminated right before the guard page, 64 bytes of it and more */
    for (size_t len = 64; len <= page; len += len < 80 ? 1 : 509) {
        memset(data, 'u', page);
        memcpy(data + page - len, common, sizeof common - 1);
        const char *id = (const char *)(data + page - len);
        CHECK(iot_error_entry(id, "G20904") == NULL, "an unterminated id of %zu bytes", len);
        CHECK(iot_error_catalog_source(id) == NULL, "an unterminated id of %zu bytes", len);
    }
    /* the id with its NUL as the last readable byte; the code the same at the other end */
    CHECK(iot_error_entry(at_end(common, sizeof common), "G20904") == g20904, "id + NUL before the guard");
    char id[sizeof common];
    memcpy(id, common, sizeof common);
    CHECK(iot_error_entry(id, at_end("G20904", 7)) == g20904, "code + NUL before the guard");
    memset(data, 'A', page);
    memcpy(data + page - (IOT_ERROR_CODE_MAX_LEN + 1), "G20904", 6);
    CHECK(iot_error_entry(id, (const char *)(data + page - (IOT_ERROR_CODE_MAX_LEN + 1))) == NULL,
          "an unterminated code of IOT_ERROR_CODE_MAX_LEN + 1 bytes");
}

/* The _n functions read exactly `len` bytes: not one after, not one before. */
static void n_functions_read_exactly_len(void) {
    struct {
        const char *bytes;
        size_t len;
        const char *as; /* the code these bytes name, or NULL */
    } cases[] = {
        {"D00004", 6, "D00004"},
        {"d00004", 6, "D00004"},
        {"g20903", 6, "20903"},
        {"20903", 5, "20903"},
        {"D000041", 6, "D00004"}, /* only len bytes count */
        {"D00004", 5, NULL},
        {"D0\0" "004", 6, NULL},  /* an embedded NUL never matches */
        {"20903\0", 6, NULL},
        {"", 0, NULL},
        {"D", 1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *want = cases[i].as ? iot_error_describe(cases[i].as) : NULL;
        const char *want_name = cases[i].as ? iot_error_name(cases[i].as) : NULL;
        int want_category = cases[i].as ? iot_error_category(cases[i].as) : 0;
        const char *end = at_end(cases[i].bytes, cases[i].len);
        CHECK(same(iot_error_describe_n(end, cases[i].len), want), "describe_n case %zu at end", i);
        CHECK(same(iot_error_name_n(end, cases[i].len), want_name), "name_n case %zu at end", i);
        CHECK(iot_error_category_n(end, cases[i].len) == want_category, "category_n case %zu at end", i);
        const char *start = at_start(cases[i].bytes, cases[i].len);
        CHECK(same(iot_error_describe_n(start, cases[i].len), want), "describe_n case %zu at start", i);
        CHECK(same(iot_error_name_n(start, cases[i].len), want_name), "name_n case %zu at start", i);
        CHECK(iot_error_category_n(start, cases[i].len) == want_category, "category_n case %zu at start", i);
    }
    /* A length beyond the longest code reads nothing: not even the whole readable page is looked at,
     * and a length reaching into the guard page is never followed. */
    memset(data, 'D', page);
    CHECK(iot_error_describe_n((const char *)data, page) == NULL, "len = page");
    CHECK(iot_error_describe_n((const char *)data, page * 2) == NULL, "len reaching into the guard page");
    CHECK(iot_error_describe_n((const char *)data + page - 1, (size_t)-1) == NULL, "len = SIZE_MAX");
    CHECK(iot_error_describe_n(NULL, 6) == NULL, "NULL with a length");
    /* A zero length at the very edge of the guard page reads nothing at all. */
    CHECK(iot_error_describe_n((const char *)data + page, 0) == NULL, "len 0 pointing at the guard page");
}

int main(void) {
    page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map, page, PROT_NONE) != 0 ||
        mprotect(map + 2 * page, page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        return 1;
    }
    data = map + page;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    /* The guard pages work: reading one ends here with a clear message (checked by the harness). */
    if (getenv("GUARD_PAGE_SELF_TEST") != NULL) {
        volatile unsigned char byte = data[page];
        (void)byte;
        return 0;
    }

    unterminated_input_is_rejected();
    language_tag_is_bounded();
    catalog_id_is_bounded();
    n_functions_read_exactly_len();

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
