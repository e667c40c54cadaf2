/*
 * The C API against the spec: every code, the enumeration, and bad input.
 *
 * Usage: api_test SPEC.md [VECTORS.txt]
 * The oracle is the spec file itself, parsed here; the expected categories
 * are the contract's letter table. VECTORS.txt is tests/vectors.txt, the test
 * inputs every language shares (its header documents the format). Built with -std=c99 -Wall -Wextra -Werror
 * -pedantic by tests/c_api.rs, linked once to the .so and once to the .a, and
 * run again under valgrind.
 */
#include "iot_error_codes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) {                                                          \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                    \
    } while (0)

static int str_eq(const char *a, const char *b) {
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The category number the contract gives a code: by its letter, 20903 is device. */
static int expected_category(const char *code) {
    static const char letters[] = "ABCDEFGHL";
    const char *at = strchr(letters, code[0]);
    if (code[0] >= '0' && code[0] <= '9') return IOT_ERROR_CATEGORY_DEVICE;
    return at != NULL && code[0] != '\0' ? (int)(at - letters) + 1 : 0;
}

static const char *const category_names[] = {
    "system", "parameter", "access", "account", "family",
    "sharing", "device", "message", "scene", "schedule", "shadow",
};

static int is_upper_snake(const char *s) {
    if (s == NULL || *s < 'A' || *s > 'Z') return 0;
    for (; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    }
    return 1;
}

static int is_ascii_text(const char *s) {
    if (s == NULL || *s == '\0') return 0;
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) return 0;
    }
    return 1;
}

/* A heap copy of `len` bytes with no NUL after them, so valgrind sees any over-read. */
static char *unterminated(const char *bytes, size_t len) {
    char *p = malloc(len);
    if (p == NULL) abort();
    memcpy(p, bytes, len);
    return p;
}

static void check_entry(size_t index, const char *code, const char *zh) {
    char lower[16];
    size_t i, len = strlen(code);
    const char *desc = iot_error_describe(code);
    const char *en = iot_error_describe_lang(code, "en");
    int category = iot_error_category(code);

    CHECK(str_eq(iot_error_code_at(index), code));
    CHECK(str_eq(desc, zh));
    CHECK(iot_error_describe(code) == desc); /* static: the same pointer every time */
    CHECK(iot_error_describe_n(code, len) == desc);
    CHECK(iot_error_describe_lang(code, NULL) == desc);
    CHECK(iot_error_describe_lang(code, "") == desc);
    CHECK(iot_error_describe_lang(code, "zh") == desc);
    CHECK(iot_error_describe_lang(code, "zh-CN") == desc);
    CHECK(iot_error_describe_lang(code, "zh_Hans") == desc);
    CHECK(iot_error_describe_lang(code, "C") == desc);
    CHECK(iot_error_describe_lang(code, "fr-FR") == desc);
    CHECK(is_ascii_text(en) && !str_eq(en, zh));
    CHECK(iot_error_describe_lang(code, "EN") == en);
    CHECK(iot_error_describe_lang(code, "en-US") == en);
    CHECK(iot_error_describe_lang(code, "en_GB.UTF-8") == en);
    CHECK(is_upper_snake(iot_error_name(code)));
    CHECK(iot_error_name_n(code, len) == iot_error_name(code));
    CHECK(category == expected_category(code));
    CHECK(iot_error_category_n(code, len) == category);
    CHECK(str_eq(iot_error_category_name(category), category_names[category - 1]));
    CHECK(!iot_error_is_success(code));

    for (i = 0; i <= len; i++) lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
    CHECK(iot_error_describe(lower) == desc);
    CHECK(iot_error_describe_n(lower, len) == desc);
    CHECK(iot_error_describe_n(code, len - 1) == NULL);
}

static void check_bad_input(void) {
    static char huge[1 << 20];
    char *p;
    int c;

    /* NULL */
    CHECK(iot_error_describe(NULL) == NULL);
    CHECK(iot_error_describe_n(NULL, 0) == NULL);
    CHECK(iot_error_describe_n(NULL, 6) == NULL);
    CHECK(iot_error_describe_lang(NULL, "en") == NULL);
    CHECK(iot_error_describe_lang(NULL, NULL) == NULL);
    CHECK(iot_error_name(NULL) == NULL);
    CHECK(iot_error_name_n(NULL, 6) == NULL);
    CHECK(iot_error_category(NULL) == IOT_ERROR_CATEGORY_UNKNOWN);
    CHECK(iot_error_category_n(NULL, 6) == IOT_ERROR_CATEGORY_UNKNOWN);
    CHECK(iot_error_is_success(NULL) == 0);

    /* unknown, near misses, nothing trimmed */
    CHECK(iot_error_describe("") == NULL);
    CHECK(iot_error_describe("D00014") == NULL);
    CHECK(iot_error_describe("D0000") == NULL);
    CHECK(iot_error_describe("D000044") == NULL);
    CHECK(iot_error_describe(" D00004") == NULL);
    CHECK(iot_error_describe("D00004 ") == NULL);
    CHECK(iot_error_describe("D00004\n") == NULL);
    CHECK(iot_error_describe("00000") == NULL);
    CHECK(iot_error_describe_lang("XYZ", "en") == NULL);
    CHECK(iot_error_name("A0001") == NULL);
    CHECK(iot_error_category("Z00001") == IOT_ERROR_CATEGORY_UNKNOWN);

    /* invalid UTF-8 and non-ASCII look-alikes */
    CHECK(iot_error_describe("\xff\xfe\xfd") == NULL);
    CHECK(iot_error_describe("D0000\xc3") == NULL);
    CHECK(iot_error_describe("\xef\xbc\xa4" "00004") == NULL); /* full-width D */
    CHECK(iot_error_describe_n("D0000\xff", 6) == NULL);

    /* over-long: a 1 MB string that starts with a valid code */
    memset(huge, 'A', sizeof huge - 1);
    memcpy(huge, "D00004", 6);
    CHECK(iot_error_describe(huge) == NULL);
    CHECK(iot_error_describe_n(huge, sizeof huge - 1) == NULL);
    CHECK(iot_error_describe_n(huge, 6) != NULL);
    CHECK(iot_error_describe_n(huge, (size_t)-1) == NULL);

    /* unterminated: only the bytes the contract allows are read (valgrind checks) */
    p = unterminated("D00004X", IOT_ERROR_CODE_MAX_LEN + 1);
    CHECK(iot_error_describe(p) == NULL);
    CHECK(iot_error_name(p) == NULL);
    CHECK(iot_error_category(p) == IOT_ERROR_CATEGORY_UNKNOWN);
    CHECK(iot_error_describe_lang(p, p) == NULL);
    free(p);
    p = unterminated("D00004", 6);
    CHECK(str_eq(iot_error_describe_n(p, 6), iot_error_describe("D00004")));
    CHECK(str_eq(iot_error_name_n(p, 6), "TOKEN_EXPIRED"));
    CHECK(iot_error_category_n(p, 6) == IOT_ERROR_CATEGORY_ACCOUNT);
    free(p);
    p = unterminated("000000", 6);
    CHECK(iot_error_is_success(p) == 0);
    free(p);
    p = unterminated("enx", 3); /* lang: at most 3 bytes read */
    CHECK(iot_error_describe_lang("D00004", p) == iot_error_describe("D00004"));
    free(p);

    /* an embedded NUL never truncates a code into a valid one */
    CHECK(iot_error_describe_n("20903\0", 6) == NULL);
    CHECK(iot_error_describe_n("D00004", 0) == NULL);

    /* categories */
    CHECK(iot_error_category_name(IOT_ERROR_CATEGORY_UNKNOWN) == NULL);
    CHECK(iot_error_category_name(-1) == NULL);
    CHECK(iot_error_category_name(IOT_ERROR_CATEGORY_SHADOW + 1) == NULL);
    CHECK(iot_error_category_name(INT_MAX) == NULL);
    CHECK(iot_error_category_name(INT_MIN) == NULL);
    for (c = IOT_ERROR_CATEGORY_SYSTEM; c <= IOT_ERROR_CATEGORY_SHADOW; c++) {
        CHECK(str_eq(iot_error_category_name(c), category_names[c - 1]));
    }

    /* success */
    CHECK(iot_error_is_success("00000") == 1);
    CHECK(iot_error_is_success(IOT_ERROR_SUCCESS_CODE) == 1);
    CHECK(iot_error_is_success("0000") == 0);
    CHECK(iot_error_is_success("000000") == 0);
    CHECK(iot_error_is_success("") == 0);
    CHECK(iot_error_is_success("D00004") == 0);
}

static void check_names_and_versions(void) {
    const char *desc = iot_error_describe("20903");
    CHECK(desc != NULL);
    CHECK(iot_error_describe("G20903") == desc);
    CHECK(iot_error_describe("g20903") == desc);
    CHECK(iot_error_category("G20903") == IOT_ERROR_CATEGORY_DEVICE);
    CHECK(str_eq(iot_error_name(IOT_ERROR_TOKEN_EXPIRED), "TOKEN_EXPIRED"));
    CHECK(str_eq(IOT_ERROR_TOKEN_EXPIRED, "D00004"));
    CHECK(str_eq(iot_error_version(), IOT_ERROR_VERSION_STRING));
    CHECK(str_eq(iot_error_catalog_version(), IOT_ERROR_CATALOG_VERSION));
    CHECK(str_eq(iot_error_catalog_version(), "1.3.0"));
    CHECK(iot_error_code_at(iot_error_count()) == NULL);
    CHECK(iot_error_code_at((size_t)-1) == NULL);
}

/* Trims ASCII spaces from both ends in place. */
static char *trim(char *s) {
    char *end;
    while (*s == ' ') s++;
    end = s + strlen(s);
    while (end > s && end[-1] == ' ') *--end = '\0';
    return s;
}

/* UTF-8 for a code point; a lone surrogate comes out as its WTF-8 form (invalid UTF-8). */
static size_t put_utf8(unsigned char *out, unsigned long c) {
    if (c < 0x80) { out[0] = (unsigned char)c; return 1; }
    if (c < 0x800) { out[0] = (unsigned char)(0xC0 | (c >> 6)); out[1] = (unsigned char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (c >> 12)); out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F)); return 3;
    }
    out[0] = (unsigned char)(0xF0 | (c >> 18)); out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (unsigned char)(0x80 | (c & 0x3F)); return 4;
}

/* Decodes a field of tests/vectors.txt into a new buffer (the caller frees it); its length in *len. */
static unsigned char *unescape(const char *field, size_t *len) {
    size_t cap = strlen(field) + 16, n = 0, last_at = 0, last_len = 0;
    unsigned char *out = malloc(cap);
    while (out != NULL && *field) {
        size_t before = n;
        if (cap - n < 8) {
            unsigned char *bigger = realloc(out, cap *= 2);
            if (bigger == NULL) { free(out); return NULL; }
            out = bigger;
        }
        if (*field != '\\') {
            out[n++] = (unsigned char)*field++;
        } else {
            char kind = field[1];
            field += 2;
            if (kind == 't') out[n++] = '\t';
            else if (kind == 'n') out[n++] = '\n';
            else if (kind == '0') out[n++] = '\0';
            else if (kind == '\\') out[n++] = '\\';
            else if (kind == 'x') { out[n++] = (unsigned char)strtoul((char[]){field[0], field[1], 0}, NULL, 16); field += 2; }
            else if (kind == 'u') {
                unsigned long c = strtoul((char[]){field[0], field[1], field[2], field[3], 0}, NULL, 16);
                field += 4;
                if (c >= 0xD800 && c < 0xDC00 && field[0] == '\\' && field[1] == 'u') {
                    unsigned long low = strtoul((char[]){field[2], field[3], field[4], field[5], 0}, NULL, 16);
                    if (low >= 0xDC00 && low < 0xE000) {
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        field += 6;
                    }
                }
                n += put_utf8(out + n, c);
            } else if (kind == '*') {
                unsigned long count = strtoul(field, (char **)&field, 10), i;
                if (count > 1 && last_len > 0) {
                    unsigned char *bigger = realloc(out, cap = n + (count - 1) * last_len + strlen(field) + 16);
                    if (bigger == NULL) { free(out); return NULL; }
                    out = bigger;
                    for (i = 1; i < count; i++, n += last_len) memcpy(out + n, out + last_at, last_len);
                }
                continue;
            }
        }
        if (n > before) { last_at = before; last_len = n - before; }
    }
    *len = n;
    return out;
}

/* Every record of tests/vectors.txt through the NUL-terminated and the _n functions. */
static void check_vectors(const char *path) {
    static char line[4096];
    FILE *file = fopen(path, "r");
    int records = 0;
    const char *en = iot_error_describe_lang("D00004", "en"), *zh = iot_error_describe("D00004");
    CHECK(file != NULL);
    if (file == NULL) return;
    while (fgets(line, sizeof line, file) != NULL) {
        char *kind = line, *input, *expect, *end;
        unsigned char *bytes;
        size_t len;
        int has_nul;
        if (line[0] == '#' || line[0] == '\n') continue;
        if ((end = strchr(line, '\n')) != NULL) *end = '\0';
        if ((input = strchr(kind, '\t')) == NULL) continue;
        *input++ = '\0';
        if ((expect = strchr(input, '\t')) != NULL) *expect++ = '\0';
        bytes = unescape(input, &len);
        CHECK(bytes != NULL);
        if (bytes == NULL) continue;
        has_nul = memchr(bytes, '\0', len) != NULL;
        records++;
        if (strcmp(kind, "hit") == 0) {
            const char *want = iot_error_name(expect);
            CHECK(want != NULL);
            CHECK(iot_error_name_n((const char *)bytes, len) == want);
            if (!has_nul) {
                bytes[len] = '\0';
                CHECK(iot_error_name((const char *)bytes) == want);
                CHECK(iot_error_status((const char *)bytes) == iot_error_status(expect));
            }
        } else if (strcmp(kind, "miss") == 0 || strcmp(kind, "bytes") == 0) {
            /* The success code is no error code, but it has a status (OK, HTTP 200). */
            int success = len == 5 && memcmp(bytes, IOT_ERROR_SUCCESS_CODE, 5) == 0;
            CHECK(iot_error_describe_n((const char *)bytes, len) == NULL);
            CHECK(iot_error_status_n((const char *)bytes, len) == (success ? IOT_ERROR_STATUS_OK : -1));
            if (!has_nul) {
                bytes[len] = '\0';
                CHECK(iot_error_describe((const char *)bytes) == NULL);
                CHECK(iot_error_http_status((const char *)bytes) == (success ? 200 : 0));
            }
        } else if (!has_nul) { /* tag or notag: a C string ends at its first NUL */
            const char *want = strcmp(kind, "tag") == 0 ? expect : "zh";
            bytes[len] = '\0';
            CHECK(str_eq(iot_error_language((const char *)bytes), want));
            CHECK(iot_error_describe_lang("D00004", (const char *)bytes) == (strcmp(want, "en") == 0 ? en : zh));
        }
        free(bytes);
    }
    fclose(file);
    CHECK(records > 80);
}

/* The catalogs (docs/catalogs.md): ids, a static entry by id and code, its
 * accessors, and NULL for everything that is not an entry. The texts are the
 * vendor's common table's (src/catalog/uws-common-error-codes-2021-04-05.md). */
static void check_catalogs(void) {
    static const char common[] = "uws-common-2021-04-05";
    const IotErrorEntry *e, *at;
    size_t i;
    int x = 0;

    CHECK(str_eq(iot_error_catalog(0), "uws-v1.3.0"));
    CHECK(str_eq(iot_error_catalog(1), common));
    CHECK(iot_error_catalog(2) == NULL);
    CHECK(iot_error_catalog_source(common) != NULL);
    CHECK(iot_error_catalog_source("uws") == NULL);
    CHECK(iot_error_catalog_source(NULL) == NULL);

    e = iot_error_entry(common, "g20904");
    CHECK(str_eq(iot_error_entry_code(e), "G20904"));
    CHECK(str_eq(iot_error_entry_name(e), "BINDING_LIMIT_EXCEEDED"));
    CHECK(str_eq(iot_error_entry_describe(e, "zh"), "已超过绑定数量"));
    CHECK(str_eq(iot_error_entry_hint(e, NULL), "一个用户只能最多绑定300个设备"));
    CHECK(iot_error_entry_category(e) == IOT_ERROR_CATEGORY_DEVICE);
    CHECK(iot_error_entry_status(e) == IOT_ERROR_STATUS_FAILED_PRECONDITION);
    CHECK(iot_error_entry_http_status(e) == 400 && iot_error_entry_is_retryable(e) == 0);
    CHECK(str_eq(iot_error_name("G20904"), "DEVICE_ALREADY_BOUND")); /* the default catalog's */
    CHECK(iot_error_entry_category(iot_error_entry(common, "Y00001")) == IOT_ERROR_CATEGORY_SHADOW);
    CHECK(str_eq(iot_error_entry_code(iot_error_entry(common, "G20903")), "20903"));

    /* the default catalog answers as the functions without one, and has no hints */
    e = iot_error_entry("uws-v1.3.0", "d00004");
    CHECK(iot_error_entry_name(e) == iot_error_name("D00004"));
    CHECK(iot_error_entry_describe(e, "en") == iot_error_describe_lang("D00004", "en"));
    CHECK(iot_error_entry_hint(e, "zh") == NULL);
    CHECK(iot_error_entry("uws-v1.3.0", "Y00001") == NULL);

    /* every entry of each catalog is found by its code */
    for (i = 0; (at = iot_error_entry_at(common, i)) != NULL; i++) {
        CHECK(iot_error_entry(common, iot_error_entry_code(at)) == at);
    }
    CHECK(i == 127);
    for (i = 0; (at = iot_error_entry_at("uws-v1.3.0", i)) != NULL; i++) {
        CHECK(str_eq(iot_error_entry_code(at), iot_error_code_at(i)));
    }
    CHECK(i == iot_error_count());

    /* NULL, unknown ids and codes, and pointers that are not entries */
    CHECK(iot_error_entry(NULL, "D00004") == NULL);
    CHECK(iot_error_entry(common, NULL) == NULL);
    CHECK(iot_error_entry("UWS-V1.3.0", "D00004") == NULL);
    CHECK(iot_error_entry(common, "D00014") == NULL);
    CHECK(iot_error_entry(common, "00000") == NULL);
    CHECK(iot_error_entry_at(NULL, 0) == NULL);
    e = (const IotErrorEntry *)&x;
    CHECK(iot_error_entry_code(e) == NULL && iot_error_entry_name(NULL) == NULL);
    CHECK(iot_error_entry_category(e) == 0 && iot_error_entry_status(e) == -1);
    CHECK(iot_error_entry_http_status(NULL) == 0 && iot_error_entry_is_retryable(e) == 0);
    CHECK(iot_error_entry_describe(e, "en") == NULL && iot_error_entry_hint(NULL, "en") == NULL);
    e = (const IotErrorEntry *)((const char *)iot_error_entry(common, "A00001") + 1);
    CHECK(iot_error_entry_code(e) == NULL);
}

int main(int argc, char **argv) {
    char line[1024];
    size_t rows = 0;
    FILE *spec;

    if (argc < 2 || argc > 3 || (spec = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: %s SPEC.md [VECTORS.txt]\n", argv[0]);
        return 2;
    }
    /* Rows look like "|D00004|Token已过期，未通过token验证。     |  " */
    while (fgets(line, sizeof line, spec) != NULL) {
        char *code, *text, *bar;
        if (line[0] != '|') continue;
        code = line + 1;
        if ((bar = strchr(code, '|')) == NULL) continue;
        *bar = '\0';
        text = bar + 1;
        if ((bar = strchr(text, '|')) == NULL) continue;
        *bar = '\0';
        code = trim(code);
        if (strlen(code) < 5 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(code)) continue;
        check_entry(rows++, code, trim(text));
    }
    fclose(spec);

    CHECK(rows == 90);
    CHECK(iot_error_count() == rows);
    check_bad_input();
    check_names_and_versions();
    check_catalogs();
    if (argc == 3) check_vectors(argv[2]);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
